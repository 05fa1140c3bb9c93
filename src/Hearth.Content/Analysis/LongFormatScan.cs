using System.Runtime.CompilerServices;
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
    private const int MaxWithinLevel = 255;

    /// <summary>The rows as the assembly step takes them; row r is on line r + 2.</summary>
    public sealed class Rows(SubjectTable subjects, FactorLevels[] within, FactorLevels[] between, List<int>[] subjectBetween, int[] subject, int[] withinCode, double[] value)
    {
        public LongFormatCsv.ParsedRows View => new(subjects, within, between, subjectBetween, subject, withinCode, value, null);
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
        public LevelBytes[] Within { get; } = [.. design.Within.Select(_ => new LevelBytes())];
        public LevelBytes[] Between { get; } = [.. design.Between.Select(_ => new LevelBytes())];
        public List<int>[] SubjectBetween { get; } = [.. design.Between.Select(_ => new List<int>())];
    }

    /// <summary>
    /// A factor's levels by their bytes: a handful of short keys compared byte for byte, so each level is decoded
    /// to text once, when the piece first meets it. (Valid UTF-8 and text correspond one to one, so equal bytes
    /// are exactly equal names.) A factor with very many levels is looked up by its text past the first 32.
    /// </summary>
    private sealed class LevelBytes
    {
        private const int Kept = 32;
        private readonly byte[][] _keys = new byte[Kept][];
        private readonly int[] _index = new int[Kept];
        private int _count;

        /// <summary>The levels met, in order of first appearance in the piece.</summary>
        public FactorLevels Levels { get; } = new();

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
            if (!PlainCsv.TryName(utf8, buffer, out var name))
            {
                return -1;
            }
            var index = Levels.IndexOf(name);
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
        if (PlainCsv.HeaderOf(data, choice) is not { } header || LayoutOf(header, design) is not { } layout)
        {
            return null;
        }
        var pieces = PlainCsv.Cut(data, header.BodyStart, pieceCount).Select(p => new Piece(p.Start, p.End, design)).ToList();
        Parallel.ForEach(pieces, piece => piece.RowCount = PlainCsv.CountRows(data.AsSpan(piece.Start, piece.End - piece.Start)));
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
        // Each piece has at most one subject per row and one name character per byte; the first piece takes in
        // every later one's new subjects when the pieces are joined.
        for (var k = 0; k < pieces.Count; k++)
        {
            var (rows, bytes) = k == 0 ? (total, data.Length) : (pieces[k].RowCount, pieces[k].End - pieces[k].Start);
            pieces[k].Subjects.EnsureCapacity((int)rows, bytes);
            foreach (var cells in pieces[k].SubjectBetween)
            {
                cells.Capacity = (int)rows;
            }
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

    /// <summary>Column roles from the header; null when a column is missing (the careful reader names it).</summary>
    private static Layout? LayoutOf(PlainCsv.Header header, AnalysisDesign design)
    {
        var roles = new int[header.Names.Length];
        Array.Fill(roles, -1);
        var columns = new[] { design.Subject, design.Dv }.Concat(design.Within).Concat(design.Between).ToList();
        for (var role = 0; role < columns.Count; role++)
        {
            var column = Array.IndexOf(header.Names, columns[role]);
            if (column < 0)
            {
                return null;
            }
            roles[column] = role;
        }
        return new Layout(header.Delimiter, header.Dialect.DecimalComma, header.Names.Length, roles, design.Within.Count, design.Between.Count);
    }

    // Parsing runs once per piece over a million lines: compiled fully optimised at first call rather than taken
    // precompiled (ReadyToRun code cannot inline across assemblies, and a method called once is never recompiled).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Parse(byte[] data, Piece piece, Layout layout, int[] subjectOfRow, int[] withinOfRow, double[] valueOfRow)
    {
        ReadOnlySpan<byte> rest = data.AsSpan(piece.Start, piece.End - piece.Start);
        Span<int> start = stackalloc int[layout.Roles];
        Span<int> length = stackalloc int[layout.Roles];
        Span<char> name = stackalloc char[PlainCsv.MaxNameBytes];
        var roles = layout.RoleOfColumn;
        ReadOnlySpan<byte> lastSubjectBytes = [];
        ReadOnlySpan<byte> line; // declared beside lastSubjectBytes, which keeps a slice of it from row to row
        var lastSubject = -1;
        var row = piece.FirstRow;
        while (!rest.IsEmpty)
        {
            if (!PlainCsv.NextLine(ref rest, out line) || PlainCsv.Split(line, layout.Delimiter, roles, start, length) != layout.FieldCount)
            {
                piece.Refused = true;
                return;
            }

            // A subject's rows usually follow one another: the same bytes as the last row's are the same subject.
            var subjectBytes = PlainCsv.Trim(line.Slice(start[Layout.Subject], length[Layout.Subject]));
            if (subjectBytes.IsEmpty)
            {
                piece.Refused = true;
                return;
            }
            var isNew = false;
            if (!subjectBytes.SequenceEqual(lastSubjectBytes))
            {
                if (!PlainCsv.TryName(subjectBytes, name, out var subjectName))
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
                var level = piece.Between[f].IndexOf(PlainCsv.Trim(line.Slice(start[role], length[role])), name);
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
                var level = piece.Within[f].IndexOf(PlainCsv.Trim(line.Slice(start[role], length[role])), name);
                if (level is < 0 or > MaxWithinLevel)
                {
                    piece.Refused = true;
                    return;
                }
                code |= level << (8 * f);
            }
            var dv = PlainCsv.Trim(line.Slice(start[Layout.Dv], length[Layout.Dv]));
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
                within[f] = [.. piece.Within[f].Levels.Names.Select(n => first.Within[f].Levels.IndexOf(n))];
                if (within[f].Any(l => l > MaxWithinLevel))
                {
                    return null;
                }
            }
            var between = new int[piece.Between.Length][];
            for (var f = 0; f < between.Length; f++)
            {
                between[f] = [.. piece.Between[f].Levels.Names.Select(n => first.Between[f].Levels.IndexOf(n))];
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
        return new Rows(first.Subjects, [.. first.Within.Select(l => l.Levels)], [.. first.Between.Select(l => l.Levels)], first.SubjectBetween, subject, withinCode, value);
    }
}
