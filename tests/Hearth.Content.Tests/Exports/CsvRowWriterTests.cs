using Hearth.Content.Exports;

namespace Hearth.Content.Tests.Exports;

public class CsvRowWriterTests
{
    private static string Row(Action<CsvRowWriter> write)
    {
        var text = new StringWriter();
        var csv = new CsvRowWriter(text);
        write(csv);
        csv.EndRow();
        return text.ToString();
    }

    [Fact]
    public void Numbers_are_never_formula_guarded_but_text_that_looks_like_one_is()
    {
        Assert.Equal("-1.5,\"'-1.5\",\"'=SUM(A1)\"\n", Row(c => c.Number(-1.5).Text("-1.5").Text("=SUM(A1)")));
    }

    [Fact]
    public void Missing_and_non_finite_numbers_are_empty_and_instants_are_utc_iso()
    {
        var at = new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal(",,,2026-03-29T00:30:00Z,true,\n", Row(c => c.Number(null).Number(double.NaN).Number(double.PositiveInfinity).Instant(at).Flag(true).Flag(null)));
    }

    [Fact]
    public void Text_with_commas_quotes_and_line_breaks_is_quoted()
    {
        Assert.Equal("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",plain\n", Row(c => c.Text("a,b").Text("say \"hi\"").Text("two\nlines").Text("plain")));
    }

    [Fact]
    public void Values_are_written_by_their_kind()
    {
        Assert.Equal("3,0.25,-7,false,x\n", Row(c => c.Value(3).Value(0.25).Value(-7L).Value(false).Value("x")));
    }

    [Fact]
    public void A_spreadsheet_layout_for_a_decimal_comma_locale_uses_semicolons_and_decimal_commas_and_still_guards_formulas()
    {
        // (Which locales get it is checked where culture data is loaded: Web.Tests, SpreadsheetExportTests.)
        var russian = new CsvLayout(';', true);
        var text = new StringWriter();
        var csv = new CsvRowWriter(text, russian);
        csv.Text("a;b").Number(12.5).Number(-3.25).Text("=1;2").Text("plain, with a comma").Instant(new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero)).EndRow();
        Assert.Equal("\"a;b\";12,5;-3,25;\"'=1;2\";\"plain, with a comma\";2026-12-03T09:30:00Z\n", text.ToString());
    }
}
