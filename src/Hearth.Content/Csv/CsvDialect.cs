using Sylvan.Data.Csv;

namespace Hearth.Content.Csv;

/// <summary>
/// How a CSV file separates its fields and writes its decimals. Spreadsheets in many locales (Spanish,
/// Russian, Persian among Hearth's) write <c>;</c> between fields and a decimal comma; others use tabs. Every
/// CSV reader in Hearth detects the separator from the header line and, when it is not a comma, accepts a
/// decimal comma as well as a point. <c>--delimiter</c> and <c>--decimal</c> (or a page's choice) override both.
/// </summary>
public sealed record CsvDialect(char Delimiter, bool DecimalComma)
{
    public static readonly char[] Delimiters = [',', ';', '\t'];

    /// <summary>What to use instead of detection: either part may be left to detection (null).</summary>
    public sealed record Choice(char? Delimiter = null, char? DecimalSeparator = null);

    /// <summary>The separator that splits the header into the most fields (outside quotes); a comma when none does.</summary>
    public static char DetectDelimiter(string header)
    {
        var counts = new int[Delimiters.Length];
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && Array.IndexOf(Delimiters, c) is var i and >= 0)
            {
                counts[i]++;
            }
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }
        return Delimiters[best];
    }

    public static CsvDialect For(string header, Choice? choice)
    {
        var delimiter = choice?.Delimiter ?? DetectDelimiter(header);
        return new CsvDialect(delimiter, choice?.DecimalSeparator is { } d ? d == ',' : delimiter != ',');
    }

    /// <summary>
    /// Opens a CSV reader on <paramref name="input"/> with its dialect detected from the header line (or chosen).
    /// The header is read once to look at it and then handed to the CSV reader again, so nothing is lost
    /// and a file of millions of rows is still read as a stream.
    /// </summary>
    public static (CsvDataReader Reader, CsvDialect Dialect) Open(TextReader input, Choice? choice = null, int bufferSize = 1 << 16)
    {
        var header = input.ReadLine() ?? "";
        var dialect = For(header, choice);
        var reader = CsvDataReader.Create(new ReplayReader(header + "\n", input), new CsvDataReaderOptions
        {
            HasHeaders = true,
            Delimiter = dialect.Delimiter,
            BufferSize = bufferSize,
        });
        return (reader, dialect);
    }

    /// <summary>A number in this dialect: a decimal point always, a decimal comma where the dialect allows it.</summary>
    public bool TryParseNumber(ReadOnlySpan<char> text, out double value) => Instruments.NumberText.TryParse(text, out value, DecimalComma);

    /// <summary>Gives back a line already read, then the rest of the underlying reader.</summary>
    private sealed class ReplayReader(string first, TextReader rest) : TextReader
    {
        private int _position;

        public override int Peek() => _position < first.Length ? first[_position] : rest.Peek();

        public override int Read() => _position < first.Length ? first[_position++] : rest.Read();

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_position < first.Length)
            {
                var n = Math.Min(buffer.Length, first.Length - _position);
                first.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }
            return rest.Read(buffer);
        }

        public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
