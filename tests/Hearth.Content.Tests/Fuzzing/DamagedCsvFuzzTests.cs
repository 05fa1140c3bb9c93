using CsCheck;
using Hearth.Content.Analysis;
using Hearth.Content.Evaluation;
using Hearth.Content.Insights;
using Hearth.Content.Instruments;
using Hearth.Content.Scoring;

namespace Hearth.Content.Tests.Fuzzing;

/// <summary>
/// Every CSV reader fed a good file damaged at random, header included (<see cref="Fuzz.Mutated"/>). The token
/// generator of <see cref="ParserFuzzTests"/> keeps headers whole, and a quote left open in one once went
/// unnoticed; here each reader must still read or name its problems, within the time and memory guards.
/// </summary>
public class DamagedCsvFuzzTests
{
    private const int Inputs = 1_000;

    private static void Located(IReadOnlyList<ValidationProblem> problems) =>
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message), $"a problem without a message at {p.Location}"));

    private static string Rows(string header, Func<int, string> row) => header + "\n" + string.Concat(Enumerable.Range(1, 10).Select(i => row(i) + "\n"));

    [Fact]
    public void The_response_reader_reads_or_names_problems() =>
        Fuzz.Mutated(Rows("respondent,1,2,3,4,5,6,7,8,9", r => $"r{r}," + string.Join(',', Enumerable.Range(0, 9).Select(i => (r + i) % 4)))).Sample(input => Fuzz.Check(input, text =>
            Located(ResponseCsv.Read(new InstrumentScorer(TestInstruments.ShippedOne("phq-9")), new StringReader(text), "fuzz.csv", (_, _) => { }).Problems)), iter: Inputs);

    [Fact]
    public void The_long_format_and_item_readers_read_or_name_problems()
    {
        Fuzz.Mutated(Rows("id,wave,arm,score", s => $"s{(s + 1) / 2},{(s % 2 == 0 ? "post" : "pre")},{(s % 4 < 2 ? "a" : "b")},{s * 1.5}")).Sample(input => Fuzz.Check(input, text =>
        {
            var read = LongFormatCsv.Read(new StringReader(text), "fuzz.csv", new AnalysisDesign("id", "score", ["wave"], ["arm"]));
            Located(read.Problems);
            Assert.True(read.Data is not null || read.Problems.Count > 0, "neither data nor a problem");
        }), iter: Inputs);
        Fuzz.Mutated(Rows("respondent,a,b,c", r => $"r{r},{r % 5},{(r + 1) % 5},{(r + 2) % 5}")).Sample(input => Fuzz.Check(input, text =>
            Located(ItemTable.Read(new StringReader(text), "fuzz.csv", null, []).Problems)), iter: Inputs);
    }

    [Fact]
    public void The_evaluation_readers_read_or_name_problems()
    {
        Fuzz.Mutated(Rows("team,month,treated,score", i => $"t{i % 3},2026-{(i % 9) + 1:00},{(i % 3 == 0 && i > 5 ? 1 : 0)},{40 + i}")).Sample(input => Fuzz.Check(input, text =>
        {
            var read = PanelCsv.Read(new StringReader(text), "fuzz.csv", new PanelColumns("team", "month", "treated", "score"));
            Located(read.Problems);
            Assert.True(read.Data is not null || read.Problems.Count > 0, "neither data nor a problem");
        }), iter: Inputs);
        Fuzz.Mutated(Rows("month,score", i => $"2026-{i:00},{50 - i}")).Sample(input => Fuzz.Check(input, text =>
        {
            var read = TimeSeriesCsv.Read(new StringReader(text), "fuzz.csv", "month", "score", "2026-05");
            Located(read.Problems);
            Assert.True(read.Values is not null || read.Problems.Count > 0, "neither data nor a problem");
        }), iter: Inputs);
    }

    [Fact]
    public void The_job_demands_reader_reads_or_names_problems() =>
        Fuzz.Mutated(Rows("team,month,caseload,worked_hours,sick_leave_days", i => $"Team {i % 3},2026-{(i % 9) + 1:00},{20 + i},{150 + i}.5,{i % 4}")).Sample(input => Fuzz.Check(input, text =>
            Located(JobDemandsCsv.Read(new StringReader(text), "fuzz.csv").Problems)), iter: Inputs);
}
