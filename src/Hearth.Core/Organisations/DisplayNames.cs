using Hearth.Core.Localization;

namespace Hearth.Core.Organisations;

/// <summary>
/// The rule for the name a person is shown by. It travels into facilitators' pages, e-mails and CSV
/// exports, so it holds no control characters (line breaks and tabs would split or shift a CSV row) and
/// stays short enough for a table cell.
/// </summary>
public static class DisplayNames
{
    public const int MaxLength = 80;

    /// <summary>What is wrong with a proposed name, or null when it may be used (after trimming).</summary>
    public static string? Problem(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return ProblemText.Get("Organisations.NameRequired");
        }
        if (trimmed.Length > MaxLength)
        {
            return ProblemText.Get("Organisations.NameTooLong", MaxLength, trimmed.Length);
        }
        if (trimmed.Any(char.IsControl))
        {
            return ProblemText.Get("Organisations.NameControlCharacters");
        }
        return null;
    }
}
