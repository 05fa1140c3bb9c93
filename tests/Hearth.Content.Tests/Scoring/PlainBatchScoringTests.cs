using System.Text;
using Hearth.Content.Csv;
using Hearth.Content.Scoring;

namespace Hearth.Content.Tests.Scoring;

/// <summary>
/// The batch scorer's fast road (<see cref="BatchScorer.TryScorePlainFile(InstrumentScorer, string, Stream, ScoreOutputFormat, CsvDialect.Choice?)"/>)
/// against the streaming scorer: byte for byte the same output on every plain file, in any number of pieces; on
/// anything else it declines and leaves the output as it found it, so the streaming scorer can name the problem.
/// </summary>
public class PlainBatchScoringTests
{
    private static readonly InstrumentScorer ProQol = new(TestInstruments.ShippedOne("proqol-5"));

    private static string FileOf(string csv)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("hearth-plain-score-").FullName, "responses.csv");
        File.WriteAllText(path, csv);
        return path;
    }

    private static byte[] Streamed(string csv, ScoreOutputFormat format, CsvDialect.Choice? dialect = null)
    {
        using var output = new MemoryStream();
        var result = BatchScorer.Score(ProQol, new StringReader(csv.TrimStart('\uFEFF')), "in.csv", output, format, dialect: dialect);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        return output.ToArray();
    }

    private static (BatchResult? Result, byte[] Output) Fast(string csv, ScoreOutputFormat format, int pieceBytes, CsvDialect.Choice? dialect = null, byte[]? before = null)
    {
        using var output = new MemoryStream();
        output.Write(before ?? []);
        var result = BatchScorer.TryScorePlainFile(ProQol, FileOf(csv), output, format, dialect, pieceBytes);
        return (result, output.ToArray());
    }

    /// <summary>Respondents with random answers, some unanswered, some cells padded, names in several scripts.</summary>
    private static string Responses(int seed, int count, string delimiter = ",", string newline = "\n")
    {
        var random = new Random(seed);
        var lines = new List<string> { string.Join(delimiter, new[] { "respondent" }.Concat(Enumerable.Range(1, 30).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))) };
        string[] names = ["r", "клиницист-", "درمانگر-", "tab\\t"];
        for (var r = 0; r < count; r++)
        {
            var answers = Enumerable.Range(0, 30).Select(_ => random.NextDouble() < 0.05 ? "" : random.Next(1, 6).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Select(a => random.NextDouble() < 0.05 ? $" {a} " : a);
            lines.Add(string.Join(delimiter, new[] { names[r % names.Length] + r }.Concat(answers)));
        }
        return string.Join(newline, lines) + newline;
    }

    [Theory]
    [InlineData(ScoreOutputFormat.Json, 1 << 20)]
    [InlineData(ScoreOutputFormat.Json, 300)]
    [InlineData(ScoreOutputFormat.Csv, 1 << 20)]
    [InlineData(ScoreOutputFormat.Csv, 300)]
    public void A_plain_file_scores_byte_for_byte_as_the_streaming_scorer_scores_it(ScoreOutputFormat format, int pieceBytes)
    {
        var csv = Responses(1, 500);
        var (result, output) = Fast(csv, format, pieceBytes);
        Assert.NotNull(result);
        Assert.Equal(500, result.Respondents);
        Assert.Equal(Encoding.UTF8.GetString(Streamed(csv, format)), Encoding.UTF8.GetString(output));
    }

    [Fact]
    public void Semicolons_windows_line_ends_a_byte_order_mark_and_an_empty_file_score_the_same()
    {
        var semicolons = "\uFEFF" + Responses(2, 200, delimiter: ";", newline: "\r\n");
        Assert.Equal(Streamed(semicolons, ScoreOutputFormat.Json), Fast(semicolons, ScoreOutputFormat.Json, 500).Output);
        var headerOnly = Responses(3, 0);
        var (result, output) = Fast(headerOnly, ScoreOutputFormat.Json, 500);
        Assert.Equal(0, result!.Respondents);
        Assert.Equal("[]", Encoding.UTF8.GetString(output));
        Assert.Equal(Streamed(headerOnly, ScoreOutputFormat.Csv), Fast(headerOnly, ScoreOutputFormat.Csv, 500).Output);
    }

    [Theory]
    [InlineData("an answer the item does not allow", "r1,9")]
    [InlineData("a value that is not a number", "r1,x")]
    [InlineData("a missing respondent", " ,1")]
    [InlineData("a row the CSV parser takes for a comment", "#r1,1")]
    [InlineData("a quote", "\"r1\",1")]
    [InlineData("a row with too many fields", "r1,1,1")]
    public void Anything_out_of_the_ordinary_declines_and_leaves_the_output_as_it_was(string because, string badRow)
    {
        var csv = Responses(4, 300);
        var lines = csv.Split('\n').ToList();
        var bad = badRow + new string(',', 31 - badRow.Count(c => c == ',') - 1);
        if (because.Contains("too many", StringComparison.Ordinal))
        {
            bad = lines[1] + ",1";
        }
        lines.Insert(250, bad);
        var before = "earlier output"u8.ToArray();
        var (result, output) = Fast(string.Join('\n', lines), ScoreOutputFormat.Json, 400, before: before);
        Assert.True(result is null, $"the fast road should decline {because}");
        Assert.Equal(before, output);
    }

    [Theory]
    [InlineData("respondent,1,1\nr1,1,1\n")]
    [InlineData("respondent,1,nope\nr1,1,1\n")]
    [InlineData("id,1,2\nr1,1,1\n")]
    public void A_header_with_a_problem_is_left_to_the_streaming_scorer(string csv) =>
        Assert.Null(Fast(csv, ScoreOutputFormat.Json, 500).Result);
}
