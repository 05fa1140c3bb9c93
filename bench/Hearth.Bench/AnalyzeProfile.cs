using System.Diagnostics;
using Hearth.Core.Analysis;
using Hearth.Statistics.Anova;

/// <summary>Times the stages of an analysis (read, fit, write) to show where the time goes.</summary>
internal static class AnalyzeProfile
{
    public static int Run(string path)
    {
        var design = new AnalysisDesign("subject", "score", ["wave"], ["arm"]);
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            using var reader = new StreamReader(path, System.Text.Encoding.UTF8, true, 1 << 16);
            var read = LongFormatCsv.Read(reader, path, design);
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
                for (var c = 0; c < 4; c++)
                {
                    total += csv.GetFieldSpan(c).Length;
                }
            }
            Console.WriteLine($"raw CSV scan: {clock.Elapsed.TotalMilliseconds:0} ms ({total} chars)");
        }
        return 0;
    }
}
