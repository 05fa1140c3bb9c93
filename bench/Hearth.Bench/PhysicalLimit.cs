using System.Diagnostics;

/// <summary>
/// The floor under any tool that reads a CSV file: copying it out of the page cache into memory, and one
/// vectorised pass over those bytes (counting line ends, the least a parser must do). A parser that did
/// nothing else would still take about the sum, on one core; on two, the pass could halve at best.
///   Hearth.Bench physical-limit FILE
/// </summary>
internal static class PhysicalLimit
{
    public static int Run(string path)
    {
        var length = new FileInfo(path).Length;
        double bestRead = double.MaxValue, bestScan = double.MaxValue;
        long lines = 0;
        var buffer = new byte[length];
        for (var round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            {
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = file.Read(buffer, read, buffer.Length - read);
                    if (n == 0)
                    {
                        break;
                    }
                    read += n;
                }
            }
            bestRead = Math.Min(bestRead, clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            lines = buffer.AsSpan().Count((byte)'\n');
            bestScan = Math.Min(bestScan, clock.Elapsed.TotalMilliseconds);
        }
        double GigabytesPerSecond(double ms) => length / (ms / 1000) / 1e9;
        Console.WriteLine($"physical limit for {length / 1e6:0} MB ({lines} lines): page-cache read {bestRead:0} ms ({GigabytesPerSecond(bestRead):0.0} GB/s), " +
            $"one vectorised pass {bestScan:0} ms ({GigabytesPerSecond(bestScan):0.0} GB/s); floor {bestRead + bestScan:0} ms");
        return 0;
    }
}
