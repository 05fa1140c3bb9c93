namespace Hearth.Cli;

/// <summary>
/// Output that appears whole or not at all: written to a temporary file beside the target and moved
/// into place only on success, so a failed or interrupted run never leaves a partial file.
/// </summary>
public sealed class OutputFile : IDisposable
{
    private readonly string? _target;
    private readonly string _temporary;
    private bool _committed;

    public OutputFile(string? target)
    {
        _target = target is null ? null : Path.GetFullPath(target);
        var directory = _target is null ? Path.GetTempPath() : Path.GetDirectoryName(_target)!;
        _temporary = Path.Combine(directory, $".hearth-{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 1 << 16,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Scores and safety flags are health data: readable by their owner only, even while in progress.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        Stream = new FileStream(_temporary, options);
        if (_target is null && !OperatingSystem.IsWindows())
        {
            // Bound for standard output: unlink at once, so no copy survives even if the process is killed.
            File.Delete(_temporary);
        }
    }

    public FileStream Stream { get; }

    /// <summary>Moves the finished file into place, or copies it to <paramref name="stdout"/> when no target was named.</summary>
    public void Commit(TextWriter stdout)
    {
        Stream.Flush();
        if (_target is not null)
        {
            Stream.Dispose();
            File.Move(_temporary, _target, overwrite: true);
        }
        else
        {
            Stream.Position = 0;
            stdout.Flush();
            if (ReferenceEquals(stdout, Console.Out))
            {
                using var raw = Console.OpenStandardOutput();
                Stream.CopyTo(raw);
            }
            else
            {
                using var reader = new StreamReader(Stream, leaveOpen: true);
                stdout.Write(reader.ReadToEnd());
            }
            Stream.Dispose();
            File.Delete(_temporary); // a no-op where it was unlinked at creation
        }
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed)
        {
            return;
        }
        Stream.Dispose();
        File.Delete(_temporary);
    }
}
