using System.Globalization;

namespace Hearth.Content.Exports;

/// <summary>
/// Writes CSV row by row for every Hearth export: text through <see cref="CsvField"/> (quoted as needed,
/// formula-guarded), numbers and instants as they are, invariant, never guarded, so that a negative
/// number stays a number in a spreadsheet. Rows end with a bare line feed. A <see cref="CsvLayout"/> for a
/// reader's spreadsheet puts <c>;</c> between fields and a decimal comma in numbers where their locale does.
/// </summary>
public sealed class CsvRowWriter(TextWriter output, CsvLayout? layout = null)
{
    private readonly CsvLayout _layout = layout ?? CsvLayout.Invariant;
    private bool _rowStarted;

    /// <summary>A header row: the column names, as text.</summary>
    public void Header(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            Text(name);
        }
        EndRow();
    }

    public CsvRowWriter Text(string? value)
    {
        Separate();
        CsvField.Write(output, value ?? "", _layout.Delimiter);
        return this;
    }

    /// <summary>A number at full precision (shortest round-trip form); empty when missing or not finite.</summary>
    public CsvRowWriter Number(double? value)
    {
        Separate();
        if (value is { } v && double.IsFinite(v))
        {
            var written = v.ToString("R", CultureInfo.InvariantCulture);
            output.Write(_layout.DecimalComma ? written.Replace('.', ',') : written);
        }
        return this;
    }

    public CsvRowWriter Number(long value)
    {
        Separate();
        output.Write(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>An instant in UTC as ISO 8601 with a Z, the form spreadsheets and R read as a date-time.</summary>
    public CsvRowWriter Instant(DateTimeOffset value)
    {
        Separate();
        output.Write(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>true, false, or empty when unknown.</summary>
    public CsvRowWriter Flag(bool? value)
    {
        Separate();
        output.Write(value switch { true => "true", false => "false", null => "" });
        return this;
    }

    /// <summary>A value of any of the kinds above, chosen by its type (text for anything else).</summary>
    public CsvRowWriter Value(object? value) => value switch
    {
        null => Text(""),
        double d => Number(d),
        float f => Number(f),
        int i => Number(i),
        long l => Number(l),
        bool b => Flag(b),
        DateTimeOffset t => Instant(t),
        IFormattable formattable => Text(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Text(value.ToString()),
    };

    public void EndRow()
    {
        output.Write('\n');
        _rowStarted = false;
    }

    private void Separate()
    {
        if (_rowStarted)
        {
            output.Write(_layout.Delimiter);
        }
        _rowStarted = true;
    }
}

/// <summary>How a CSV file separates fields and writes decimals: invariant (<c>,</c> and <c>.</c>) for R, Python and Hearth itself, or as a locale's spreadsheet expects.</summary>
public sealed record CsvLayout(char Delimiter, bool DecimalComma)
{
    public static CsvLayout Invariant { get; } = new(',', false);

    /// <summary>
    /// What a spreadsheet in <paramref name="culture"/> opens without an import dialog: where the decimal
    /// separator is a comma (Russian, say), fields are separated by <c>;</c>; elsewhere the invariant layout.
    /// </summary>
    public static CsvLayout For(CultureInfo culture) =>
        culture.NumberFormat.NumberDecimalSeparator == "," ? new CsvLayout(';', true) : Invariant;
}
