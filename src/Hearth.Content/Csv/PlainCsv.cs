using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Hearth.Content.Csv;

/// <summary>
/// What the fast readers of big files share (the long-format analysis reader and the batch scorer). They work on
/// "plain" CSV, which is nearly every file an export or a statistics package writes: UTF-8, no quotes, line feeds
/// (a carriage return only before one), no blank lines, no line starting with '#'. The file's bytes are read at once and cut at line ends
/// into pieces that threads parse side by side, as bytes, without decoding them into strings. Anything else is
/// left to the careful streaming readers, which also name each problem by line and column.
/// </summary>
public static class PlainCsv
{
    /// <summary>Longer names (subjects, respondents, levels) are left to the careful readers.</summary>
    public const int MaxNameBytes = 256;

    /// <summary>
    /// Above this the fast road's memory (the whole file, and what is parsed from it) outweighs its speed: bigger
    /// files stream through the careful readers, whose memory does not grow with the file.
    /// </summary>
    public const long MaxBytes = 512L << 20;

    /// <summary>Below this a second thread costs more than it saves.</summary>
    private const long BytesPerPiece = 1 << 20;

    /// <summary>A file's header: its dialect, its column names (trimmed) and where the rows start.</summary>
    public sealed record Header(CsvDialect Dialect, string[] Names, int BodyStart)
    {
        public byte Delimiter => (byte)Dialect.Delimiter;
    }

    /// <summary>One piece per core for a big file, one for a small one.</summary>
    public static int PiecesFor(long bytes) => (int)Math.Clamp(bytes / BytesPerPiece, 1, Math.Min(Environment.ProcessorCount, 8));

    /// <summary>
    /// The whole file, read by one thread per piece: copying it out of the page cache, and the kernel's zeroing of
    /// the fresh pages it lands in, are shared across cores. A file that shrinks while it is read is read again whole.
    /// Null when the file is bigger than <see cref="MaxBytes"/> (the careful readers stream it).
    /// </summary>
    public static byte[]? ReadAll(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (length > MaxBytes)
        {
            return null;
        }
        var pieces = PiecesFor(length);
        var data = GC.AllocateUninitializedArray<byte>((int)length);
        var complete = true;
        Parallel.For(0, pieces, k =>
        {
            var (from, to) = (length * k / pieces, length * (k + 1) / pieces);
            while (from < to)
            {
                var read = RandomAccess.Read(handle, data.AsSpan((int)from, (int)(to - from)), from);
                if (read == 0)
                {
                    complete = false;
                    return;
                }
                from += read;
            }
        });
        return complete ? data : File.ReadAllBytes(path);
    }

    /// <summary>The header line, its dialect detected (or chosen) as the careful readers detect it; null when the file is not plain.</summary>
    public static Header? HeaderOf(byte[] data, CsvDialect.Choice? choice)
    {
        if (data.Length >= 2 && ((data[0] == 0xFE && data[1] == 0xFF) || (data[0] == 0xFF && data[1] == 0xFE)))
        {
            return null; // UTF-16: the careful readers' StreamReader decodes it
        }
        var start = data.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var length = data.AsSpan(start).IndexOf((byte)'\n');
        if (length < 0)
        {
            return null;
        }
        var line = data.AsSpan(start, length);
        if (line.EndsWith("\r"u8))
        {
            line = line[..^1];
        }
        if (line.IsEmpty || line[0] == '#' || line.IndexOfAny((byte)'"', (byte)'\r') >= 0 || !Utf8.IsValid(line))
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(line);
        var dialect = CsvDialect.For(text, choice);
        return dialect.Delimiter > 0x7F ? null : new Header(dialect, [.. text.Split(dialect.Delimiter).Select(n => n.Trim())], start + length + 1);
    }

    /// <summary>
    /// Cuts the rows into about <paramref name="count"/> pieces of equal size, each ending just after a line feed
    /// (the last at the end of the file); a file without rows is one empty piece.
    /// </summary>
    public static List<(int Start, int End)> Cut(byte[] data, int bodyStart, int count)
    {
        var pieces = new List<(int, int)>(count);
        var start = bodyStart;
        var length = (long)data.Length - bodyStart;
        for (var k = 1; k <= count && start < data.Length; k++)
        {
            var end = data.Length;
            if (k < count)
            {
                var cut = (int)(bodyStart + length * k / count);
                var feed = cut < start ? -1 : data.AsSpan(cut).IndexOf((byte)'\n');
                end = feed < 0 ? data.Length : cut + feed + 1;
            }
            pieces.Add((start, end));
            start = end;
        }
        if (pieces.Count == 0)
        {
            pieces.Add((bodyStart, bodyStart));
        }
        return pieces;
    }

    /// <summary>Rows in a piece (its lines, a last one without a line feed too), or -1 when the piece is not plain.</summary>
    public static int CountRows(ReadOnlySpan<byte> piece)
    {
        var returns = piece.Count((byte)'\r');
        var plain = piece.IndexOf((byte)'"') < 0 && (returns == 0 || returns == piece.Count("\r\n"u8)) && Utf8.IsValid(piece);
        return plain ? piece.Count((byte)'\n') + (piece.Length > 0 && piece[^1] != '\n' ? 1 : 0) : -1;
    }

    /// <summary>
    /// The next line of <paramref name="rest"/> without its line end, moving past it; false at a blank line or a
    /// line starting with '#' (which the careful readers' CSV parser takes for a comment), for the careful readers to judge.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NextLine(scoped ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> line)
    {
        var feed = rest.IndexOf((byte)'\n');
        line = feed < 0 ? rest : rest[..feed];
        rest = feed < 0 ? [] : rest[(feed + 1)..];
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }
        return !line.IsEmpty && line[0] != '#';
    }

    /// <summary>
    /// Splits a line at <paramref name="delimiter"/>, noting where each field a role is given for starts and how
    /// long it is; returns the number of fields.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Split(ReadOnlySpan<byte> line, byte delimiter, int[] roleOfColumn, Span<int> start, Span<int> length)
    {
        var fields = 0;
        for (var at = 0; ; fields++)
        {
            var next = line[at..].IndexOf(delimiter);
            var fieldLength = next < 0 ? line.Length - at : next;
            if (fields < roleOfColumn.Length && roleOfColumn[fields] >= 0)
            {
                start[roleOfColumn[fields]] = at;
                length[roleOfColumn[fields]] = fieldLength;
            }
            if (next < 0)
            {
                return fields + 1;
            }
            at += next + 1;
        }
    }

    /// <summary>A name as text, decoded into <paramref name="buffer"/>; false when it is empty or too long for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryName(ReadOnlySpan<byte> utf8, Span<char> buffer, out ReadOnlySpan<char> name)
    {
        name = default;
        if (utf8.IsEmpty || utf8.Length > buffer.Length)
        {
            return false;
        }
        // The lean decoder: no encoder object, no replacement (a plain piece is valid UTF-8).
        Utf8.ToUtf16(utf8, buffer, out _, out var written, replaceInvalidSequences: false);
        name = buffer[..written];
        return true;
    }

    /// <summary>Trims whitespace as <see cref="MemoryExtensions.Trim(ReadOnlySpan{char})"/> trims it from the decoded text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s) =>
        // Nearly every field starts and ends with a printable ASCII byte, which is never whitespace.
        s.IsEmpty || (s[0] is > 0x20 and < 0x80 && s[^1] is > 0x20 and < 0x80) ? s : TrimEdges(s);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<byte> TrimEdges(ReadOnlySpan<byte> s)
    {
        for (int n; !s.IsEmpty && (n = SpaceAt(s, fromEnd: false)) > 0;)
        {
            s = s[n..];
        }
        for (int n; !s.IsEmpty && (n = SpaceAt(s, fromEnd: true)) > 0;)
        {
            s = s[..^n];
        }
        return s;
    }

    /// <summary>The length in bytes of a whitespace character at the start (or end) of <paramref name="s"/>; 0 when there is none.</summary>
    private static int SpaceAt(ReadOnlySpan<byte> s, bool fromEnd)
    {
        var edge = fromEnd ? s[^1] : s[0];
        if (edge < 0x80)
        {
            return char.IsWhiteSpace((char)edge) ? 1 : 0;
        }
        var status = fromEnd ? Rune.DecodeLastFromUtf8(s, out var rune, out var n) : Rune.DecodeFromUtf8(s, out rune, out n);
        return status == System.Buffers.OperationStatus.Done && Rune.IsWhiteSpace(rune) ? n : 0;
    }
}
