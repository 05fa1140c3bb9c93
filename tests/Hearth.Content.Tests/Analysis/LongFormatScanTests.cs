using System.Globalization;
using System.Text;
using Hearth.Content.Analysis;
using Hearth.Content.Csv;
using Hearth.Statistics.Anova;

namespace Hearth.Content.Tests.Analysis;

/// <summary>
/// The byte-level reader (<see cref="LongFormatScan"/>) against the careful one (<see cref="LongFormatCsv.Read"/>):
/// on every file it accepts, cut into one to five pieces, it must give exactly what the careful reader gives; on
/// anything out of the ordinary it must decline, so that the careful reader can name the problem by line.
/// </summary>
public class LongFormatScanTests
{
    private static readonly AnalysisDesign Design = new("subject", "score", ["time"], ["group"]);

    private static LongFormatCsv.Result Careful(string csv, AnalysisDesign design, bool keepIncomplete = false, CsvDialect.Choice? choice = null) =>
        LongFormatCsv.Read(new StringReader(csv.TrimStart('\uFEFF')), "in.csv", design, keepIncomplete: keepIncomplete, dialectChoice: choice);

    private static LongFormatCsv.Result? Fast(string csv, AnalysisDesign design, int pieces, bool keepIncomplete = false, CsvDialect.Choice? choice = null) =>
        LongFormatCsv.TryReadWellFormed(Encoding.UTF8.GetBytes(csv), "in.csv", design, keepIncomplete, choice, pieces);

    /// <summary>Asserts that the fast reader accepts the file in every cut and agrees with the careful one in every detail.</summary>
    private static void AssertSame(string csv, AnalysisDesign design, bool keepIncomplete = false, CsvDialect.Choice? choice = null)
    {
        var careful = Careful(csv, design, keepIncomplete, choice);
        for (var pieces = 1; pieces <= 5; pieces++)
        {
            var fast = Fast(csv, design, pieces, keepIncomplete, choice);
            Assert.NotNull(fast);
            Assert.Equal(careful.Problems, fast.Problems);
            AssertSameData(careful.Data, fast.Data);
            AssertSameData(careful.Incomplete, fast.Incomplete);
        }
    }

    internal static void AssertSameData(SubjectsByCell? expected, SubjectsByCell? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.Between.Select(f => (f.Name, string.Join("|", f.Levels))), actual.Between.Select(f => (f.Name, string.Join("|", f.Levels))));
        Assert.Equal(expected.Within.Select(f => (f.Name, string.Join("|", f.Levels))), actual.Within.Select(f => (f.Name, string.Join("|", f.Levels))));
        Assert.Equal(expected.Subjects, actual.Subjects);
        Assert.Equal(expected.BetweenCell, actual.BetweenCell);
        Assert.Equal(expected.Values.Select(BitConverter.DoubleToInt64Bits), actual.Values.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(expected.ExcludedSubjects, actual.ExcludedSubjects);
    }

    /// <summary>
    /// A file as people write them: subjects in random order with their rows scattered, two between-subjects
    /// factors, two within, some values missing, some subjects missing a cell, odd spacing around fields.
    /// </summary>
    private static string Generated(int seed, int subjects, string delimiter = ",", bool decimalComma = false, string newline = "\n")
    {
        var random = new Random(seed);
        var rows = new List<string>();
        string[] groups = ["control", "treated", "waitlist"];
        string[] sites = ["north", "south"];
        string[] times = ["pre", "post", "follow-up"];
        string[] sides = ["left", "right"];
        for (var s = 0; s < subjects; s++)
        {
            var (group, site) = (groups[random.Next(3)], sites[random.Next(2)]);
            foreach (var time in times)
            {
                foreach (var side in sides)
                {
                    if (random.NextDouble() < 0.03)
                    {
                        continue; // a missing cell: the subject is excluded listwise
                    }
                    var value = random.NextDouble() < 0.02 ? "" : (random.Next(-5000, 5000) / 100.0).ToString(CultureInfo.InvariantCulture);
                    if (decimalComma)
                    {
                        value = value.Replace('.', ',');
                    }
                    var pad = random.NextDouble() < 0.1 ? " " : "";
                    rows.Add(string.Join(delimiter, $"p{random.Next(subjects * 10)}x{s}", pad + group, site + pad, time, side, value, "ignored note"));
                }
            }
        }
        var shuffled = rows.OrderBy(_ => random.Next()).ToList();
        return string.Join(delimiter, "subject", "group", "site", "time", "side", "score", "note") + newline + string.Join(newline, shuffled) + newline;
    }

    private static readonly AnalysisDesign TwoByTwo = new("subject", "score", ["time", "side"], ["group", "site"]);

    [Theory]
    [InlineData(1, 40)]
    [InlineData(2, 300)]
    [InlineData(3, 1000)]
    public void A_generated_file_reads_the_same_in_any_number_of_pieces(int seed, int subjects)
    {
        var csv = Generated(seed, subjects);
        AssertSame(csv, TwoByTwo);
        AssertSame(csv, TwoByTwo, keepIncomplete: true);
    }

    [Fact]
    public void Semicolons_decimal_commas_windows_line_ends_and_a_byte_order_mark_read_the_same()
    {
        var csv = "\uFEFF" + Generated(4, 200, delimiter: ";", decimalComma: true, newline: "\r\n");
        AssertSame(csv, TwoByTwo);
        AssertSame(Generated(5, 200, delimiter: "\t"), TwoByTwo);
    }

    [Fact]
    public void Names_in_other_scripts_and_unicode_spaces_around_them_read_the_same()
    {
        // A no-break space (U+00A0) and an ideographic space (U+3000) are trimmed by the careful reader too.
        var csv = "subject,group,time,score\nпациент-1,\u00A0контроль,до,1.5\nпациент-1,контроль,после\u3000,2\nبیمار-۲,درمان,до,3\nبیمار-۲,درمان,после,4\n" +
            "пациент-3,контроль,до,2\nпациент-3,контроль,после,2.5\n";
        AssertSame(csv, Design);
        Assert.Equal(["пациент-1", "بیمار-۲", "пациент-3"], Fast(csv, Design, 2)!.Data!.Subjects);
        Assert.Equal(["контроль", "درمان"], Fast(csv, Design, 3)!.Data!.Between[0].Levels);
    }

    [Fact]
    public void A_last_line_without_a_line_feed_and_a_repeated_cell_read_the_same()
    {
        AssertSame("subject,group,time,score\na,x,pre,1\na,x,post,2\nb,y,pre,3\nb,y,post,4", Design);
        // The same subject twice in a cell: both readers name both lines.
        var repeated = "subject,group,time,score\na,x,pre,1\na,x,post,2\nb,y,pre,3\nb,y,post,4\na,x,pre,5\n";
        AssertSame(repeated, Design);
        Assert.Contains(Fast(repeated, Design, 3)!.Problems, p => p.Location == "line 6" && p.Message.Contains("line 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Subjects_split_across_pieces_join_in_order_of_first_appearance()
    {
        // Each subject's rows are far apart, so with several pieces most subjects are in more than one.
        var lines = new List<string>();
        for (var wave = 0; wave < 3; wave++)
        {
            for (var s = 0; s < 100; s++)
            {
                lines.Add($"s{(s * 37) % 100},{(s % 2 == 0 ? "x" : "y")},w{wave},{s + wave}");
            }
        }
        var csv = "subject,group,time,score\n" + string.Join("\n", lines) + "\n";
        AssertSame(csv, Design);
        Assert.Equal(100, Fast(csv, Design, 5)!.Data!.Subjects.Count);
    }

    [Fact]
    public void A_file_sorted_by_subject_joins_its_pieces_in_one_block_and_reads_the_same()
    {
        // Sorted as exports write them (s1, s2, …, s10 in natural order), three rows a subject: a cut usually splits one subject.
        var sorted = "subject,group,time,score\n" + string.Concat(Enumerable.Range(1, 400).SelectMany(s =>
            new[] { "pre", "post", "late" }.Select((t, w) => $"s{s},{(s % 3 == 0 ? "x" : "y")},{t},{s * 0.5 + w}\n")));
        AssertSame(sorted, Design);
        Assert.Equal(400, Fast(sorted, Design, 4)!.Data!.Subjects.Count);
        // Each half ascending, but the second starts again below where the first ended: names are looked up one by one.
        var restarted = "subject,group,time,score\n" + string.Concat(Enumerable.Range(1, 200).Concat(Enumerable.Range(100, 200)).Select(s => $"s{s},{(s % 3 == 0 ? "x" : "y")},pre,{s}\n"))
            + string.Concat(Enumerable.Range(1, 299).Select(s => $"s{s},{(s % 3 == 0 ? "x" : "y")},post,{s + 1}\n"));
        AssertSame(restarted, Design);
    }

    [Theory]
    [InlineData("subject,group,time,score\na,x,pre,\"1\"\na,x,post,2\n", "a quote")]
    [InlineData("subject,group,time,score\na,x,pre,1\n\na,x,post,2\n", "a blank line")]
    [InlineData("subject,group,time,score\n#a,x,pre,1\na,x,post,2\n", "a line the CSV parser takes for a comment")]
    [InlineData("#subject,group,time,score\nsubject,group,time,score\na,x,pre,1\n", "a header the CSV parser takes for a comment")]
    [InlineData("subject,group,time,score\na,x,pre,1\ra,x,post,2\n", "a carriage return alone")]
    [InlineData("subject,group,time,score\na,x,pre,1,extra\na,x,post,2\n", "a row with another number of fields")]
    [InlineData("subject,group,time,score\na,x,pre,one\na,x,post,2\n", "a value that is not a number")]
    [InlineData("subject,group,time,score\n ,x,pre,1\na,x,post,2\n", "a missing subject")]
    [InlineData("subject,group,time,score\na,,pre,1\na,x,post,2\n", "a missing between-subjects level")]
    [InlineData("subject,group,time,score\na,x,,1\na,x,post,2\n", "a missing within-subjects level")]
    [InlineData("subject,group,time,score\na,x,pre,1\na,y,post,2\n", "a subject in two groups")]
    [InlineData("subject,group,wave,score\na,x,pre,1\na,x,post,2\n", "a missing column")]
    public void Anything_out_of_the_ordinary_is_left_to_the_careful_reader(string csv, string because)
    {
        for (var pieces = 1; pieces <= 3; pieces++)
        {
            Assert.True(Fast(csv, Design, pieces) is null, $"the fast reader should decline {because}");
        }
    }

    [Fact]
    public void A_subject_in_two_groups_in_different_pieces_is_left_to_the_careful_reader()
    {
        var lines = Enumerable.Range(0, 200).Select(i => $"s{i},x,pre,{i}").ToList();
        lines.Add("s0,y,post,1"); // s0 was in x in the first piece
        var csv = "subject,group,time,score\n" + string.Join("\n", lines) + "\n";
        Assert.Null(Fast(csv, Design, 4));
        Assert.Contains(Careful(csv, Design).Problems, p => p.Location.StartsWith("line 202", StringComparison.Ordinal));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_left_to_the_careful_reader()
    {
        var bytes = Encoding.UTF8.GetBytes("subject,group,time,score\na,x,pre,1\na,x,post,2\n");
        bytes[26] = 0xFF; // inside "a,x,pre,1"
        Assert.Null(LongFormatCsv.TryReadWellFormed(bytes, "in.csv", Design, false, null, 1));
    }

    [Fact]
    public void A_file_read_from_disk_gives_the_same_as_the_careful_reader()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("hearth-scan-").FullName, "trial.csv");
        File.WriteAllText(path, Generated(6, 500));
        var fromFile = LongFormatCsv.ReadFile(path, "trial.csv", TwoByTwo);
        AssertSameData(Careful(File.ReadAllText(path), TwoByTwo).Data, fromFile.Data);
        // A file the fast road declines still reads, through the careful reader, with its problem named.
        File.WriteAllText(path, "subject,group,time,score\na,x,pre,one\n");
        Assert.Contains(LongFormatCsv.ReadFile(path, "trial.csv", Design).Problems, p => p.Location == "line 2, column 'score'");
    }
}
