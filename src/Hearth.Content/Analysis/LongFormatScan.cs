using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Hearth.Content.Csv;
using Hearth.Content.Instruments;

namespace Hearth.Content.Analysis;

/// <summary>
/// The fast road through a long-format file that is well formed, which is nearly every file an export or a
/// statistics package writes. The bytes are read at once and cut at line ends into one piece per core; each
/// piece is parsed as UTF-8, never decoded into .NET strings, with its own numbering of subjects and levels;
/// the pieces are then joined in file order. It gives up at the first thing out of the ordinary: a quote, a
/// blank line, a carriage return that does not end a line, a row with another number of fields, a missing
/// subject or level, a value that is not a number, bytes that are not UTF-8, a subject in two
/// between-subjects cells, a name longer than 256 bytes. The careful reader (<see cref="LongFormatCsv.Read"/>)
/// then reads the file again and names each problem by line. Both roads give the same result for every file
/// this one accepts (tested file by file against each other).
/// </summary>
internal static class LongFormatScan
{
    private const int MaxNameBytes = 256;
    private const int MaxWithinLevel = 255;

    /// <summary>Below this a second thread costs more than it saves.</summary>
    private const long BytesPerPiece = 1 << 20;

    /// <summary>The rows as the assembly step takes them; row r is on line r + 2.</summary>
    public sealed class Rows(SubjectTable subjects, FactorLevels[] within, FactorLevels[] between, List<int>[] subjectBetween, int[] subject, int[] withinCode, double[] value)
    {
        public LongFormatCsv.ParsedRows View => new(subjects, within, between, subjectBetween, subject, withinCode, value, null);
    }

    /// <summary>One piece per core for a big file, one for a small one.</summary>
    public static int PiecesFor(long bytes) => (int)Math.Clamp(bytes / BytesPerPiece, 1, Math.Min(Environment.ProcessorCount, 8));

    /// <summary>
    /// The whole file, read by one thread per piece: copying it out of the page cache, and the kernel's zeroing of
    /// the fresh pages it lands in, are shared across cores. A file that shrinks while it is read is read again whole.
    /// </summary>
    public static byte[] ReadAll(string path, int pieces)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (length > Array.MaxLength)
        {
            throw new IOException($"{path} is larger than {Array.MaxLength} bytes");
        }
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

    /// <summary>Which column plays which part, and how the file writes its fields and decimals.</summary>
    private sealed record Layout(byte Delimiter, bool DecimalComma, int FieldCount, int[] RoleOfColumn, int Within, int Between)
    {
        public const int Subject = 0;
        public const int Dv = 1;
        public int Roles => 2 + Within + Between;
    }

    /// <summary>A piece of the file and what parsing it found, numbered within the piece.</summary>
    private sealed class Piece(int start, int end, AnalysisDesign design)
    {
        public int Start { get; } = start;
        public int End { get; } = end;
        public int FirstRow { get; set; }
        public int RowCount { get; set; }
        public bool Refused { get; set; }
        public SubjectTable Subjects { get; } = new();
        public FactorLevels[] Within { get; } = [.. design.Within.Select(_ => new FactorLevels())];
        public FactorLevels[] Between { get; } = [.. design.Between.Select(_ => new FactorLevels())];
        public List<int>[] SubjectBetween { get; } = [.. design.Between.Select(_ => new List<int>())];
        public LevelBytes[] WithinBytes => field ??= [.. Within.Select(l => new LevelBytes(l))];
        public LevelBytes[] BetweenBytes => field ??= [.. Between.Select(l => new LevelBytes(l))];
    }

    /// <summary>
    /// A factor's levels by their bytes: a handful of short keys compared byte for byte, so each level is decoded
    /// to text once, when the piece first meets it. (Valid UTF-8 and text correspond one to one, so equal bytes
    /// are exactly equal names.) A factor with very many levels is looked up by its text past the first 32.
    /// </summary>
    private sealed class LevelBytes(FactorLevels levels)
    {
        private const int Kept = 32;
        private readonly byte[][] _keys = new byte[Kept][];
        private readonly int[] _index = new int[Kept];
        private int _count;

        /// <summary>The level's index, adding it when new; -1 when the name is empty or too long.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int IndexOf(ReadOnlySpan<byte> utf8, Span<char> buffer)
        {
            for (var i = 0; i < _count; i++)
            {
                if (utf8.SequenceEqual(_keys[i]))
                {
                    return _index[i];
                }
            }
            if (!TryName(utf8, buffer, out var name))
            {
                return -1;
            }
            var index = levels.IndexOf(name);
            if (_count < Kept)
            {
                _keys[_count] = utf8.ToArray();
                _index[_count++] = index;
            }
            return index;
        }
    }

    /// <summary>The parsed rows, or null when the file needs the careful reader.</summary>
    public static Rows? TryRead(byte[] data, AnalysisDesign design, CsvDialect.Choice? choice, int pieceCount)
    {
        var bodyStart = data.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        if (data.Length >= 2 && ((data[0] == 0xFE && data[1] == 0xFF) || (data[0] == 0xFF && data[1] == 0xFE)))
        {
            return null; // UTF-16: the careful reader's StreamReader decodes it
        }
        var headerLength = data.AsSpan(bodyStart).IndexOf((byte)'\n');
        if (headerLength < 0 || LayoutOf(data.AsSpan(bodyStart, headerLength), design, choice) is not { } layout)
        {
            return null;
        }
        bodyStart += headerLength + 1;

        var pieces = Cut(data, bodyStart, pieceCount, design);
        Parallel.ForEach(pieces, piece => piece.RowCount = CountRows(data.AsSpan(piece.Start, piece.End - piece.Start)));
        if (pieces.Any(p => p.RowCount < 0))
        {
            return null;
        }
        var total = 0L;
        foreach (var piece in pieces)
        {
            piece.FirstRow = (int)total;
            total += piece.RowCount;
        }
        if (total > Array.MaxLength)
        {
            return null;
        }
        var subject = new int[total];
        var withinCode = new int[total];
        var value = new double[total];
        Parallel.ForEach(pieces, piece => Parse(data, piece, layout, subject, withinCode, value));
        if (pieces.Any(p => p.Refused))
        {
            return null;
        }
        return Join(pieces, subject, withinCode, value);
    }

    /// <summary>Column roles from the header line; null when the header needs the careful reader or lacks a column (it names which).</summary>
    private static Layout? LayoutOf(ReadOnlySpan<byte> headerBytes, AnalysisDesign design, CsvDialect.Choice? choice)
    {
        if (headerBytes.EndsWith("\r"u8))
        {
            headerBytes = headerBytes[..^1];
        }
        if (headerBytes.IndexOfAny((byte)'"', (byte)'\r') >= 0 || !Utf8.IsValid(headerBytes))
        {
            return null;
        }
        var header = Encoding.UTF8.GetString(headerBytes);
        var dialect = CsvDialect.For(header, choice);
        if (dialect.Delimiter > 0x7F)
        {
            return null;
        }
        var names = header.Split(dialect.Delimiter);
        var roles = new int[names.Length];
        Array.Fill(roles, -1);
        var columns = new[] { design.Subject, design.Dv }.Concat(design.Within).Concat(design.Between).ToList();
        for (var role = 0; role < columns.Count; role++)
        {
            var column = Array.FindIndex(names, n => n.Trim() == columns[role]);
            if (column < 0)
            {
                return null;
            }
            roles[column] = role;
        }
        return new Layout((byte)dialect.Delimiter, dialect.DecimalComma, names.Length, roles, design.Within.Count, design.Between.Count);
    }

    /// <summary>Cuts the body into pieces of about equal size, each ending just after a line feed (the last at the end of the file).</summary>
    private static List<Piece> Cut(byte[] data, int bodyStart, int pieceCount, AnalysisDesign design)
    {
        var pieces = new List<Piece>(pieceCount);
        var start = bodyStart;
        var length = (long)data.Length - bodyStart;
        for (var k = 1; k <= pieceCount && start < data.Length; k++)
        {
            var end = data.Length;
            if (k < pieceCount)
            {
                var cut = (int)(bodyStart + length * k / pieceCount);
                var feed = cut < start ? -1 : data.AsSpan(cut).IndexOf((byte)'\n');
                end = feed < 0 ? data.Length : cut + feed + 1;
            }
            pieces.Add(new Piece(start, end, design));
            start = end;
        }
        if (pieces.Count == 0)
        {
            pieces.Add(new Piece(start, start, design));
        }
        return pieces;
    }

    /// <summary>Rows in a piece (its lines, a last one without a line feed too), or -1 when the piece is not plain enough for this reader.</summary>
    private static int CountRows(ReadOnlySpan<byte> piece)
    {
        var returns = piece.Count((byte)'\r');
        var plain = piece.IndexOf((byte)'"') < 0 && (returns == 0 || returns == piece.Count("\r\n"u8)) && Utf8.IsValid(piece);
        return plain ? piece.Count((byte)'\n') + (piece.Length > 0 && piece[^1] != '\n' ? 1 : 0) : -1;
    }

    // Parsing runs once per piece over a million lines: compiled fully optimised at first call rather than taken
    // precompiled (ReadyToRun code cannot inline across assemblies, and a method called once is never recompiled).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Parse(byte[] data, Piece piece, Layout layout, int[] subjectOfRow, int[] withinOfRow, double[] valueOfRow)
    {
        var rest = data.AsSpan(piece.Start, piece.End - piece.Start);
        Span<int> start = stackalloc int[layout.Roles];
        Span<int> length = stackalloc int[layout.Roles];
        Span<char> name = stackalloc char[MaxNameBytes];
        var roles = layout.RoleOfColumn;
        var (withinBytes, betweenBytes) = (piece.WithinBytes, piece.BetweenBytes);
        ReadOnlySpan<byte> lastSubjectBytes = [];
        var lastSubject = -1;
        var row = piece.FirstRow;
        while (!rest.IsEmpty)
        {
            var feed = rest.IndexOf((byte)'\n');
            var line = feed < 0 ? rest : rest[..feed];
            rest = feed < 0 ? [] : rest[(feed + 1)..];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }
            if (line.IsEmpty)
            {
                piece.Refused = true;
                return;
            }

            var fields = 0;
            for (var at = 0; ; fields++)
            {
                var next = line[at..].IndexOf(layout.Delimiter);
                var fieldLength = next < 0 ? line.Length - at : next;
                if (fields < roles.Length && roles[fields] >= 0)
                {
                    start[roles[fields]] = at;
                    length[roles[fields]] = fieldLength;
                }
                if (next < 0)
                {
                    break;
                }
                at += next + 1;
            }
            if (fields + 1 != layout.FieldCount)
            {
                piece.Refused = true;
                return;
            }

            // A subject's rows usually follow one another: the same bytes as the last row's are the same subject.
            var subjectBytes = Trim(line.Slice(start[Layout.Subject], length[Layout.Subject]));
            var isNew = false;
            if (subjectBytes.IsEmpty)
            {
                piece.Refused = true;
                return;
            }
            if (!subjectBytes.SequenceEqual(lastSubjectBytes))
            {
                if (!TryName(subjectBytes, name, out var subjectName))
                {
                    piece.Refused = true;
                    return;
                }
                var known = piece.Subjects.Count;
                lastSubject = piece.Subjects.IndexOf(subjectName);
                lastSubjectBytes = subjectBytes;
                isNew = lastSubject == known;
            }
            var subject = lastSubject;
            for (var f = 0; f < layout.Between; f++)
            {
                var role = 2 + layout.Within + f;
                var level = betweenBytes[f].IndexOf(Trim(line.Slice(start[role], length[role])), name);
                if (level < 0)
                {
                    piece.Refused = true;
                    return;
                }
                if (isNew)
                {
                    piece.SubjectBetween[f].Add(level);
                }
                else if (piece.SubjectBetween[f][subject] != level)
                {
                    piece.Refused = true;
                    return;
                }
            }
            var code = 0;
            for (var f = 0; f < layout.Within; f++)
            {
                var role = 2 + f;
                var level = withinBytes[f].IndexOf(Trim(line.Slice(start[role], length[role])), name);
                if (level is < 0 or > MaxWithinLevel)
                {
                    piece.Refused = true;
                    return;
                }
                code |= level << (8 * f);
            }
            var dv = Trim(line.Slice(start[Layout.Dv], length[Layout.Dv]));
            var value = double.NaN;
            if (!dv.IsEmpty && !NumberText.TryParse(dv, out value, layout.DecimalComma))
            {
                piece.Refused = true;
                return;
            }
            subjectOfRow[row] = subject;
            withinOfRow[row] = code;
            valueOfRow[row] = value;
            row++;
        }
    }

    /// <summary>A subject or level name as text; false when it is empty or too long for this reader.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryName(ReadOnlySpan<byte> utf8, Span<char> buffer, out ReadOnlySpan<char> name)
    {
        name = default;
        if (utf8.IsEmpty || utf8.Length > buffer.Length)
        {
            return false;
        }
        // The lean decoder: no encoder object, no replacement (the piece was checked to be valid UTF-8).
        Utf8.ToUtf16(utf8, buffer, out _, out var written, replaceInvalidSequences: false);
        name = buffer[..written];
        return true;
    }

    /// <summary>Trims whitespace as <see cref="MemoryExtensions.Trim(ReadOnlySpan{char})"/> trims it from the decoded text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s) =>
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// Joins the pieces into the first one's numbering, in file order, so subjects and levels keep their order of
    /// first appearance in the whole file; null when a subject is in one between-subjects cell in one piece and
    /// another in a later one.
    /// </summary>
    private static Rows? Join(List<Piece> pieces, int[] subject, int[] withinCode, double[] value)
    {
        var first = pieces[0];
        var remaps = new (Piece Piece, int[] Subjects, int[][] Within)[pieces.Count - 1];
        for (var k = 1; k < pieces.Count; k++)
        {
            var piece = pieces[k];
            var within = new int[piece.Within.Length][];
            for (var f = 0; f < within.Length; f++)
            {
                within[f] = [.. piece.Within[f].Names.Select(n => first.Within[f].IndexOf(n))];
                if (within[f].Any(l => l > MaxWithinLevel))
                {
                    return null;
                }
            }
            var between = new int[piece.Between.Length][];
            for (var f = 0; f < between.Length; f++)
            {
                between[f] = [.. piece.Between[f].Names.Select(n => first.Between[f].IndexOf(n))];
            }
            var known = first.Subjects.Count;
            var subjects = first.Subjects.Absorb(piece.Subjects);
            for (var s = 0; s < subjects.Length; s++)
            {
                var g = subjects[s];
                for (var f = 0; f < between.Length; f++)
                {
                    var level = between[f][piece.SubjectBetween[f][s]];
                    if (g >= known)
                    {
                        first.SubjectBetween[f].Add(level); // new subjects are numbered in the piece's order
                    }
                    else if (first.SubjectBetween[f][g] != level)
                    {
                        return null;
                    }
                }
            }
            remaps[k - 1] = (piece, subjects, within);
        }
        Parallel.ForEach(remaps, remap =>
        {
            var identity = remap.Within.All(map => map.Select((g, l) => g == l).All(same => same));
            var end = remap.Piece.FirstRow + remap.Piece.RowCount;
            for (var r = remap.Piece.FirstRow; r < end; r++)
            {
                subject[r] = remap.Subjects[subject[r]];
                if (!identity)
                {
                    var code = 0;
                    for (var f = 0; f < remap.Within.Length; f++)
                    {
                        code |= remap.Within[f][(withinCode[r] >> (8 * f)) & 0xFF] << (8 * f);
                    }
                    withinCode[r] = code;
                }
            }
        });
        return new Rows(first.Subjects, first.Within, first.Between, first.SubjectBetween, subject, withinCode, value);
    }
}
