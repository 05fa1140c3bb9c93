using System.Buffers;

namespace Hearth.Content.Exports;

/// <summary>
/// One CSV field as written by every Hearth export: quoted when it holds a comma, quote or line
/// break (RFC 4180), and prefixed with an apostrophe when it starts like a spreadsheet formula
/// (= + - @, or a tab or carriage return before one), so that opening an export can never run one.
/// </summary>
public static class CsvField
{
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");

    /// <param name="delimiter">The file's field separator, quoted like a comma when it is another (<c>;</c> in a spreadsheet layout).</param>
    public static void Write(TextWriter output, ReadOnlySpan<char> field, char delimiter = ',')
    {
        // A cell a spreadsheet would read as a formula gets an apostrophe as its first character, inside
        // the quotes: outside them the reader sees a field that starts with ' and then a quoted part, and
        // some readers drop the apostrophe and keep the formula.
        var formula = !field.IsEmpty && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (!formula && field.IndexOfAny(NeedsQuoting) < 0 && (delimiter == ',' || !field.Contains(delimiter)))
        {
            output.Write(field);
            return;
        }
        output.Write('"');
        if (formula)
        {
            output.Write('\'');
        }
        foreach (var c in field)
        {
            if (c == '"')
            {
                output.Write('"');
            }
            output.Write(c);
        }
        output.Write('"');
    }

    public static string Escape(string field)
    {
        using var writer = new StringWriter();
        Write(writer, field);
        return writer.ToString();
    }
}
