using System.Diagnostics;
using Hearth.Content.Analysis;
using Hearth.Statistics.Anova;

/// <summary>
/// Times the stages of an analysis (read, fit, write) to show where the time goes. Takes the column
/// options of <c>hearth analyze</c> (<c>--subject --dv --within --between</c>, defaults those of
/// <c>generate-trial</c>) and reports a file that does not fit them as <c>hearth analyze</c> does.
/// </summary>
internal static class AnalyzeProfile
{
    public const string Usage = "profile-analyze FILE.csv [--subject COL] [--dv COL] [--within COL]... [--between COL]...";

    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || ParseDesign(args.Skip(1).ToList()) is not { } design)
        {
            Console.Error.WriteLine($"usage: Hearth.Bench {Usage}");
            return 2;
        }
        var path = args[0];
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"error: {path}: no such file");
            return 1;
        }
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            var read = LongFormatCsv.ReadFile(path, path, design);
            if (read.Problems.Count > 0 || read.Data is null)
            {
                foreach (var problem in read.Problems)
                {
                    Console.Error.WriteLine($"error: {problem}");
                }
                return 1;
            }
            var readTime = clock.Elapsed.TotalMilliseconds;
            var analysis = RepeatedMeasuresAnalysis.Run(read.Data!);
            var fitTime = clock.Elapsed.TotalMilliseconds - readTime;
            using var sink = new MemoryStream();
            AnalysisJson.Write(sink, analysis);
            var writeTime = clock.Elapsed.TotalMilliseconds - readTime - fitTime;
            Console.WriteLine($"round {round + 1}: read {readTime:0} ms, fit {fitTime:0} ms, write {writeTime:0} ms; GCs gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}");
        }
        for (var round = 0; round < 2; round++)
        {
            var clock = Stopwatch.StartNew();
            using var reader = new StreamReader(path, System.Text.Encoding.UTF8, true, 1 << 16);
            using var csv = Sylvan.Data.Csv.CsvDataReader.Create(reader, new Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16 });
            long total = 0;
            while (csv.Read())
            {
                for (var c = 0; c < csv.FieldCount; c++)
                {
                    total += csv.GetFieldSpan(c).Length;
                }
            }
            Console.WriteLine($"raw CSV scan: {clock.Elapsed.TotalMilliseconds:0} ms ({total} chars)");
        }
        return 0;
    }

    /// <summary>The design named by the options, or null when an option is unknown or lacks its value.</summary>
    private static AnalysisDesign? ParseDesign(List<string> options)
    {
        string subject = "subject", dv = "score";
        List<string> within = [], between = [];
        for (var i = 0; i < options.Count; i += 2)
        {
            if (i + 1 >= options.Count)
            {
                return null;
            }
            var value = options[i + 1];
            switch (options[i])
            {
                case "--subject": subject = value; break;
                case "--dv": dv = value; break;
                case "--within": within.Add(value); break;
                case "--between": between.Add(value); break;
                default: return null;
            }
        }
        return new AnalysisDesign(subject, dv, within.Count > 0 ? within : ["wave"], between.Count > 0 ? between : ["arm"]);
    }
}
