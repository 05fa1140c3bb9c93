using System.Text;
using CsCheck;
using Hearth.Content.Analysis;
using Hearth.Content.Scoring;
using Hearth.Content.Tests.Analysis;

namespace Hearth.Content.Tests.Fuzzing;

/// <summary>
/// The fast roads through big files against the careful readers, on generated and damaged files: on every input
/// the fast road either declines or gives exactly what the careful reader gives (data, problems, output bytes).
/// A file it accepts wrongly would be scored or analysed without the problem anyone being told.
/// </summary>
public class FastRoadFuzzTests
{
    private const int Inputs = 2_000;

    private static readonly AnalysisDesign Design = new("id", "score", ["wave"], ["arm"]);

    private static readonly string LongFile = "id,wave,arm,score\n" + string.Concat(Enumerable.Range(1, 12).SelectMany(s =>
        new[] { "pre", "post" }.Select((w, i) => $"s{s},{w},{(s % 2 == 0 ? "a" : "b")},{s + i * 0.5}\n")));

    private static readonly string ResponseFile = "respondent,1,2,3,4,5,6,7,8,9\n" + string.Concat(Enumerable.Range(1, 12).Select(r =>
        $"r{r}," + string.Join(',', Enumerable.Range(0, 9).Select(i => (r + i) % 4)) + "\n"));

    private static void SameAsCareful(string input)
    {
        var careful = LongFormatCsv.Read(new StringReader(input), "fuzz.csv", Design);
        for (var pieces = 1; pieces <= 3; pieces++)
        {
            if (LongFormatCsv.TryReadWellFormed(Encoding.UTF8.GetBytes(input), "fuzz.csv", Design, false, null, pieces) is not { } fast)
            {
                continue;
            }
            Assert.Equal(careful.Problems, fast.Problems);
            LongFormatScanTests.AssertSameData(careful.Data, fast.Data);
        }
    }

    [Fact]
    public void The_long_format_fast_road_declines_or_agrees_on_generated_files() =>
        Fuzz.Csv("id,wave,arm,score").Sample(input => Fuzz.Check(input, SameAsCareful), iter: Inputs);

    [Fact]
    public void The_long_format_fast_road_declines_or_agrees_on_damaged_files() =>
        Fuzz.Mutated(LongFile).Sample(input => Fuzz.Check(input, SameAsCareful), iter: Inputs);

    [Fact]
    public void The_scoring_fast_road_declines_or_writes_what_the_streaming_scorer_writes()
    {
        var scorer = new InstrumentScorer(TestInstruments.ShippedOne("phq-9"));
        var folder = Directory.CreateTempSubdirectory("hearth-fast-fuzz-").FullName;
        Fuzz.Mutated(ResponseFile).Sample(input => Fuzz.Check(input, text =>
        {
            var path = Path.Combine(folder, $"{Guid.NewGuid():N}.csv"); // CsCheck tries inputs on several threads at once
            File.WriteAllText(path, text);
            using var fast = new MemoryStream();
            if (BatchScorer.TryScorePlainFile(scorer, path, fast, ScoreOutputFormat.Json, null, pieceBytes: 64) is not { } result)
            {
                Assert.Equal(0, fast.Length); // declined: nothing left behind
                return;
            }
            using var streamed = new MemoryStream();
            var careful = BatchScorer.Score(scorer, new StringReader(text), "fuzz.csv", streamed, ScoreOutputFormat.Json);
            Assert.True(careful.Succeeded, $"the fast road accepted a file the streaming scorer refuses: {string.Join("; ", careful.Problems)}");
            Assert.Equal(careful.Respondents, result.Respondents);
            Assert.Equal(Encoding.UTF8.GetString(streamed.ToArray()), Encoding.UTF8.GetString(fast.ToArray()));
        }), iter: 500);
    }
}
