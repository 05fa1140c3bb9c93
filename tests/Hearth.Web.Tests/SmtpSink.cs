using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hearth.Web.Tests;

/// <summary>
/// A real SMTP server on a loopback port that accepts every message and keeps it, so tests read the
/// e-mails Hearth actually sent through MailKit. Speaks the plain protocol (no TLS, no authentication).
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public SmtpSink()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Each message as received: recipients and the raw data (headers and body).</summary>
    public ConcurrentQueue<(IReadOnlyList<string> To, string Data)> Messages { get; } = [];

    public IReadOnlyList<string> BodiesTo(string address) =>
        [.. Messages.Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)).Select(m => m.Data)];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ready");
        var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-sink");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "RCPT":
                    to.Add(line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)]);
                    await writer.WriteLineAsync("250 ok");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 go ahead");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                    {
                        data.AppendLine(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine);
                    }
                    Messages.Enqueue(([.. to], data.ToString()));
                    to.Clear();
                    await writer.WriteLineAsync("250 stored");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default: // HELO, MAIL, RSET, NOOP
                    await writer.WriteLineAsync("250 ok");
                    break;
            }
        }
    }

    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // the app that owns the sink may be disposed twice (Dispose and DisposeAsync)
        }
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
