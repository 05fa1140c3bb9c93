using Hearth.Content.Analysis;
using Hearth.Content.Evaluation;
using Hearth.Content.Insights;
using Hearth.Content.Instruments;
using Hearth.Content.Scoring;

namespace Hearth.Content.Tests.Fuzzing;

/// <summary>
/// A quote left open in the header line (found by the fast-road fuzz tests): the CSV reader fails while reading
/// the header, before any row. Every reader must name it as a problem of line 1, not throw.
/// </summary>
public class OpenQuoteInHeaderTests
{
    private const string Broken = "id,wave,arm,\"score\ns1,pre,a,1\n";

    private static void NamesLine1(IReadOnlyList<ValidationProblem> problems) =>
        Assert.Contains(problems, p => p.Location == "line 1" && p.Message.StartsWith("malformed CSV", StringComparison.Ordinal));

    [Fact]
    public void Every_csv_reader_names_an_open_quote_in_the_header()
    {
        NamesLine1(LongFormatCsv.Read(new StringReader(Broken), "in.csv", new AnalysisDesign("id", "score", ["wave"], ["arm"])).Problems);
        NamesLine1(ItemTable.Read(new StringReader(Broken), "in.csv", null, []).Problems);
        NamesLine1(PanelCsv.Read(new StringReader(Broken), "in.csv", new PanelColumns("id", "wave", "arm", "score")).Problems);
        NamesLine1(TimeSeriesCsv.Read(new StringReader(Broken), "in.csv", "wave", "score", "pre").Problems);
        NamesLine1(ResponseCsv.Read(new InstrumentScorer(TestInstruments.ShippedOne("phq-9")), new StringReader(Broken), "in.csv", (_, _) => { }).Problems);
        NamesLine1(JobDemandsCsv.Read(new StringReader(Broken), "in.csv").Problems);
    }
}
