namespace Hearth.Content.Localization;

/// <summary>
/// What is wrong with a data file a person gives Hearth (responses to score, an analysis's long-format table,
/// an evaluation panel, a month of job demands), in their language: Problems.resx and one file per language
/// beside it, in the current UI culture (the CLI's language, a page's reader). Column names, values and
/// option names stay as the file wrote them; English is byte for byte what it was.
/// </summary>
public static class ContentText
{
    private static readonly ResourceText Resources = new("Hearth.Content.Localization.Problems", typeof(ContentText).Assembly);

    /// <summary>One text, with its placeholders filled.</summary>
    public static string Get(string key, params object?[] args) => Resources.Get(key, args);

    /// <summary>Where a problem is: a line of the file.</summary>
    public static string Line(long line) => Get("Csv.Line", line);

    /// <summary>Where a problem is: a cell, by its line and its column's name.</summary>
    public static string Cell(long line, string column) => Get("Csv.LineColumn", line, column);
}
