using System.Globalization;
using Hearth.Content.Analysis;

namespace Hearth.Content.Tests.Analysis;

public class LongFormatCsvTests
{
    private static readonly AnalysisDesign Design = new("subject", "score", ["time"], ["group"]);

    private static LongFormatCsv.Result Read(string csv) => LongFormatCsv.Read(new StringReader(csv), "in.csv", Design);

    [Fact]
    public void Rows_of_a_subject_need_not_be_adjacent_and_subjects_need_not_be_sorted()
    {
        var result = Read("subject,group,time,score\nb,x,pre,1\na,y,pre,2\nb,x,post,3\nc,y,pre,4\na,y,post,5\nc,y,post,6\nd,x,pre,7\nd,x,post,9\n");
        var data = result.Data!;
        Assert.Equal(["b", "a", "c", "d"], data.Subjects);
        Assert.Equal([1.0, 3, 2, 5, 4, 6, 7, 9], data.Values);
        Assert.Equal([0, 1, 1, 0], data.BetweenCell);
    }

    [Fact]
    public void A_subject_reappearing_after_the_order_breaks_is_still_recognised()
    {
        // s1, s2, s10 ascend naturally; s3 breaks the order; s2 comes back afterwards
        var result = Read("subject,group,time,score\ns1,x,pre,1\ns2,x,pre,2\ns10,y,pre,3\ns3,y,pre,4\ns2,x,post,5\ns1,x,post,6\ns10,y,post,7\ns3,y,post,8\n");
        var data = result.Data!;
        Assert.Equal(["s1", "s2", "s10", "s3"], data.Subjects);
        Assert.Equal([1.0, 6, 2, 5, 3, 7, 4, 8], data.Values);
    }

    [Fact]
    public void Levels_are_ordered_by_first_appearance()
    {
        var data = Read("subject,group,time,score\na,waitlist,post,1\na,waitlist,pre,2\nb,active,pre,3\nb,active,post,4\nc,waitlist,pre,1\nc,waitlist,post,1\n").Data!;
        Assert.Equal(["post", "pre"], data.Within[0].Levels);
        Assert.Equal(["waitlist", "active"], data.Between[0].Levels);
    }

    [Fact]
    public void A_subject_missing_a_wave_or_a_value_is_excluded_and_listed()
    {
        var data = Read("subject,group,time,score\na,x,pre,1\na,x,post,2\nb,x,pre,3\nc,y,pre,4\nc,y,post,\nd,y,pre,1\nd,y,post,2\ne,x,pre,1\ne,x,post,1\n").Data!;
        Assert.Equal(["b", "c"], data.ExcludedSubjects);
        Assert.Equal(["a", "d", "e"], data.Subjects);
    }

    [Fact]
    public void A_duplicate_row_names_both_lines()
    {
        var result = Read("subject,group,time,score\na,x,pre,1\na,x,post,2\na,x,pre,3\n");
        Assert.Null(result.Data);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 4", problem.Location);
        Assert.Contains("on line 2", problem.Message);
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("-0.1")]
    [InlineData("0.3")]
    [InlineData("123456789012345")]
    [InlineData("1.0000000000000002")]
    [InlineData("1e3")]
    [InlineData("+7")]
    [InlineData("3.14159265358979")]
    [InlineData("0.000000000000000000001")]
    public void Fast_number_parsing_gives_exactly_the_general_parsers_double(string text)
    {
        Assert.True(Hearth.Content.Instruments.NumberText.TryParse(text, out var fast));
        Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), fast);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    [InlineData("NaN")]
    public void Non_numbers_are_refused(string text)
    {
        Assert.False(Hearth.Content.Instruments.NumberText.TryParse(text, out _));
    }
}

public class NaturalOrderTests
{
    [Theory]
    [InlineData("s2", "s10")]
    [InlineData("s9", "s10")]
    [InlineData("r007", "r10")]
    [InlineData("a", "b")]
    [InlineData("a1b2", "a1b10")]
    [InlineData("007", "7")]
    [InlineData("x", "x1")]
    public void Digit_runs_compare_by_value(string smaller, string larger)
    {
        Assert.True(NaturalOrder.Compare(smaller, larger) < 0);
        Assert.True(NaturalOrder.Compare(larger, smaller) > 0);
    }

    [Fact]
    public void Only_equal_names_compare_equal()
    {
        Assert.Equal(0, NaturalOrder.Compare("s12", "s12"));
        Assert.NotEqual(0, NaturalOrder.Compare("s12", "s012"));
    }
}
