namespace Hearth.Core.Localization;

/// <summary>
/// The sentences Hearth's services refuse a request with (a <see cref="Rules.FieldProblem"/>'s message and
/// the like), in the reader's language: Problems.resx and one file per language beside it, looked up in the
/// request's UI culture (English where a process has no culture data, such as the CLI). A text starts in
/// lower case where English does; <see cref="Rules.FieldProblem.Sentence"/> capitalises it for a page.
/// Numbers are formatted invariantly.
/// </summary>
public static class ProblemText
{
    private static readonly Content.Localization.ResourceText Resources = new("Hearth.Core.Localization.Problems", typeof(ProblemText).Assembly);

    /// <summary>One text, with its placeholders filled.</summary>
    public static string Get(string key, params object?[] args) => Resources.Get(key, args);
}
