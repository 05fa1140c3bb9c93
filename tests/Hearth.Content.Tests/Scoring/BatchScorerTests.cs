using System.Text;
using System.Text.Json;
using Hearth.Content.Scoring;

namespace Hearth.Content.Tests.Scoring;

public class BatchScorerTests
{
    private static (BatchResult Result, string Output) Run(string csv, ScoreOutputFormat format = ScoreOutputFormat.Json, string instrument = "phq-9")
    {
        var scorer = new InstrumentScorer(TestInstruments.ShippedOne(instrument));
        using var output = new MemoryStream();
        var result = BatchScorer.Score(scorer, new StringReader(csv), "in.csv", output, format);
        return (result, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Json_output_has_the_documented_shape()
    {
        var (result, output) = Run("respondent,1,2,3,4,5,6,7,8,9\nr1,1,1,1,1,2,2,2,2,0\nr2,3,3,3,3,3,3,3,3,2\n");
        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Respondents);

        using var doc = JsonDocument.Parse(output);
        var first = doc.RootElement[0];
        Assert.Equal("r1", first.GetProperty("respondent").GetString());
        Assert.Equal(12, first.GetProperty("scores").GetProperty("total").GetProperty("value").GetDouble());
        Assert.Equal("moderate", first.GetProperty("scores").GetProperty("total").GetProperty("band").GetString());
        Assert.Equal(0, first.GetProperty("safety").GetArrayLength());
        Assert.Equal("self-harm-thoughts", doc.RootElement[1].GetProperty("safety")[0].GetString());
    }

    [Fact]
    public void An_empty_cell_is_a_missing_answer_and_an_unscorable_score_is_null()
    {
        var (_, output) = Run("respondent,1,2,3,4,5,6,7,8,9\nr1,1,1,1,1,,,,2,0\n");
        using var doc = JsonDocument.Parse(output);
        var total = doc.RootElement[0].GetProperty("scores").GetProperty("total");
        Assert.Equal(JsonValueKind.Null, total.GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, total.GetProperty("band").ValueKind);
    }

    [Fact]
    public void Csv_output_has_a_value_and_band_column_per_score_and_the_safety_flags()
    {
        var (_, output) = Run("respondent,1,2,3,4,5,6,7,8,9\n\"r,1\",3,3,3,3,3,3,3,3,2\n", ScoreOutputFormat.Csv);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("respondent,total,total_band,safety", lines[0]);
        Assert.Equal("\"r,1\",26,severe,self-harm-thoughts", lines[1]);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_line_and_column()
    {
        var (result, _) = Run("respondent,1,2,3,4,5,6,7,8,9\nr1,1,1,1,1,1,1,1,1,1\nr2,1,7,1,1,1,1,1,1,1\n,0,0,0,0,0,0,0,0,0\nr4,1,1,x,1,1,1,1,1,1\nr5,1,1\n");
        Assert.False(result.Succeeded);
        Assert.Equal(0, result.Respondents);
        var locations = result.Problems.Select(p => p.Location).ToList();
        Assert.Contains("line 3, column '2'", locations);
        Assert.Contains("line 4, column 'respondent'", locations);
        Assert.Contains("line 5, column '3'", locations);
        Assert.Contains("line 6", locations);
        Assert.Contains(result.Problems, p => p.Message.Contains("'7' is not an answer of item 2"));
    }

    [Fact]
    public void An_unknown_column_is_reported_on_the_header_line()
    {
        var (result, _) = Run("respondent,1,2,10\nr1,0,0,0\n");
        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 1, column 4", problem.Location);
        Assert.Contains("unknown column '10'", problem.Message);
    }

    [Fact]
    public void A_missing_respondent_column_is_reported()
    {
        var (result, _) = Run("id,1,2\nr1,0,0\n");
        Assert.Contains(result.Problems, p => p.Message.Contains("no 'respondent' column"));
    }

    [Fact]
    public void Reverse_keyed_items_are_scored_from_their_published_values()
    {
        // PSS-10 reverses items 4, 5, 7 and 8: all answered 4 → 6 × 4 + 4 × 0 = 24
        var (_, output) = Run("respondent,1,2,3,4,5,6,7,8,9,10\nr1,4,4,4,4,4,4,4,4,4,4\n", instrument: "pss-10");
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(24, doc.RootElement[0].GetProperty("scores").GetProperty("total").GetProperty("value").GetDouble());
    }

    [Fact]
    public void Many_rows_keep_their_order_across_batches()
    {
        var csv = new StringBuilder("respondent,1,2,3,4,5,6,7,8,9\n");
        for (var r = 0; r < 10_000; r++)
        {
            var a = r % 4;
            csv.Append($"p{r},{a},{a},{a},{a},{a},{a},{a},{a},0\n");
        }
        var (result, output) = Run(csv.ToString());
        Assert.Equal(10_000, result.Respondents);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(10_000, doc.RootElement.GetArrayLength());
        for (var r = 0; r < 10_000; r += 997)
        {
            var row = doc.RootElement[r];
            Assert.Equal($"p{r}", row.GetProperty("respondent").GetString());
            Assert.Equal(8 * (r % 4), row.GetProperty("scores").GetProperty("total").GetProperty("value").GetDouble());
        }
    }

    [Fact]
    public async Task A_failing_output_stream_surfaces_as_an_error_instead_of_hanging()
    {
        var csv = new StringBuilder("respondent,1,2,3,4,5,6,7,8,9\n");
        for (var r = 0; r < 50_000; r++)
        {
            csv.Append($"p{r},1,1,1,1,1,1,1,1,1\n");
        }
        var scorer = new InstrumentScorer(TestInstruments.ShippedOne("phq-9"));
        var task = Task.Run(() => BatchScorer.Score(scorer, new StringReader(csv.ToString()), "in.csv", new FullDisk(), ScoreOutputFormat.Json));
        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(task, finished);
        await Assert.ThrowsAsync<IOException>(() => task);
    }

    private sealed class FullDisk : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("No space left on device");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("No space left on device");
    }
}
