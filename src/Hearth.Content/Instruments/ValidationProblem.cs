namespace Hearth.Content.Instruments;

/// <summary>
/// One thing wrong with an input, with where it is: the file, then a JSON path (<c>$.scores[1].items[3]</c>)
/// or a line number, then the reason. Problems are values, collected and reported together.
/// </summary>
public sealed record ValidationProblem(string File, string Location, string Message)
{
    public override string ToString() =>
        string.IsNullOrEmpty(Location) ? $"{File}: {Message}" : $"{File}: {Location}: {Message}";
}
