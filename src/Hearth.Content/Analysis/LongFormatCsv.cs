using System.Runtime.InteropServices;
using Hearth.Content.Localization;
using Hearth.Content.Instruments;
using Hearth.Statistics.Anova;
using Sylvan.Data.Csv;

namespace Hearth.Content.Analysis;

/// <summary>
/// Reads long-format repeated-measures data (one row per subject × within cell) into complete-case
/// data for the ANOVA. Levels are ordered by first appearance. An empty dv cell is a missing value;
/// a subject missing any within cell is excluded listwise and listed. Every problem names its line
/// and column; any problem means no data.
/// </summary>
public static class LongFormatCsv
{
    /// <param name="Data">Complete cases, for the repeated-measures ANOVA.</param>
    /// <param name="Incomplete">With <c>keepIncomplete</c>: every subject with any value, missing waves as NaN, for a mixed model.</param>
    public sealed record Result(RepeatedMeasuresData? Data, IReadOnlyList<ValidationProblem> Problems, Hearth.Statistics.Mixed.LongData? Incomplete = null);

    private const int MaxWithinLevels = 255;

    /// <summary>
    /// Reads a file: straight from its bytes on every core when it is well formed (nearly always), else with
    /// <see cref="Read"/>, which names every problem by line. Both give the same result.
    /// </summary>
    public static Result ReadFile(string path, string inputName, AnalysisDesign design, bool keepIncomplete = false, Csv.CsvDialect.Choice? dialectChoice = null)
    {
        if (TryReadWellFormed(path, inputName, design, keepIncomplete, dialectChoice) is { } read)
        {
            return read;
        }
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, true, 1 << 16);
        return Read(reader, inputName, design, keepIncomplete: keepIncomplete, dialectChoice: dialectChoice);
    }

    /// <summary>
    /// The fast road alone (<see cref="LongFormatScan"/>): the result when the file is well formed, null when
    /// only <see cref="Read"/> can say what is wrong with it (the caller then reads it that way, with progress if it likes).
    /// </summary>
    public static Result? TryReadWellFormed(string path, string inputName, AnalysisDesign design, bool keepIncomplete = false, Csv.CsvDialect.Choice? dialectChoice = null)
    {
        if (design.Problems().Any() || Csv.PlainCsv.ReadAll(path) is not { } data)
        {
            return null;
        }
        return TryReadWellFormed(data, inputName, design, keepIncomplete, dialectChoice, Csv.PlainCsv.PiecesFor(data.Length));
    }

    internal static Result? TryReadWellFormed(byte[] data, string inputName, AnalysisDesign design, bool keepIncomplete, Csv.CsvDialect.Choice? dialectChoice, int pieces)
    {
        if (design.Problems().Any() || LongFormatScan.TryRead(data, design, dialectChoice, pieces) is not { } rows)
        {
            return null;
        }
        return Assemble(design, rows.View, keepIncomplete, [], inputName);
    }

    /// <param name="onlyWithinLevels">When given (one within factor), rows at other levels are skipped: a
    /// two-wave comparison should not exclude a subject for missing a third wave.</param>
    /// <param name="keepIncomplete">Keep subjects with missing waves (the result's <see cref="Result.Incomplete"/>) instead of excluding them listwise.</param>
    public static Result Read(TextReader input, string inputName, AnalysisDesign design, Action<long>? onProgress = null, IReadOnlySet<string>? onlyWithinLevels = null, bool keepIncomplete = false, Csv.CsvDialect.Choice? dialectChoice = null)
    {
        try
        {
            return ReadCsv(input, inputName, design, onProgress, onlyWithinLevels, keepIncomplete, dialectChoice);
        }
        catch (CsvFormatException ex)
        {
            // Malformed where the rows' own handler cannot see it: a quote left open in the header line.
            return new Result(null, [new ValidationProblem(inputName, ContentText.Line(ex.RowNumber + 1), ContentText.Get("Csv.Malformed", ex.Message))]);
        }
    }

    private static Result ReadCsv(TextReader input, string inputName, AnalysisDesign design, Action<long>? onProgress, IReadOnlySet<string>? onlyWithinLevels, bool keepIncomplete, Csv.CsvDialect.Choice? dialectChoice)
    {
        var problems = new List<ValidationProblem>();
        void Problem(string location, string message) => AddProblem(problems, inputName, location, message);
        foreach (var message in design.Problems())
        {
            Problem("", message);
        }
        if (problems.Count > 0)
        {
            return new Result(null, problems);
        }

        var (csv, dialect) = Csv.CsvDialect.Open(input, dialectChoice);
        using var _ = csv;
        int Column(string name)
        {
            for (var c = 0; c < csv.FieldCount; c++)
            {
                if (csv.GetName(c).Trim() == name)
                {
                    return c;
                }
            }
            Problem(ContentText.Line(1), ContentText.Get("Csv.NoColumn", name, string.Join(", ", Enumerable.Range(0, csv.FieldCount).Select(csv.GetName))));
            return -1;
        }
        var subjectColumn = Column(design.Subject);
        var dvColumn = Column(design.Dv);
        var withinColumns = design.Within.Select(Column).ToArray();
        var betweenColumns = design.Between.Select(Column).ToArray();
        if (problems.Count > 0)
        {
            return new Result(null, problems);
        }

        var subjects = new SubjectTable();
        var within = design.Within.Select(_ => new FactorLevels()).ToArray();
        var between = design.Between.Select(_ => new FactorLevels()).ToArray();
        var subjectBetween = new List<int>[between.Length];
        var subjectFirstLine = new List<int>();
        for (var f = 0; f < between.Length; f++)
        {
            subjectBetween[f] = [];
        }

        // Rows are kept compactly until the number of levels is known.
        var rowSubject = new List<int>();
        // Within levels of a row packed into one int, 8 bits per factor.
        var rowWithin = new List<int>();
        var rowValue = new List<double>();
        // Without a filter every data row is kept, so row r is on line r + 2; lines are stored only when rows are skipped.
        var rowLine = onlyWithinLevels is null ? null : new List<int>();
        var withinLevels = new int[within.Length];
        const int SampleRows = 4096;
        long sampledChars = 0;

        try
        {
            while (csv.Read())
            {
                var line = csv.RowNumber + 1;
                if (csv.RowFieldCount != csv.FieldCount)
                {
                    Problem(ContentText.Line(line), ContentText.Get("Csv.FieldCount", csv.RowFieldCount, csv.FieldCount));
                    continue;
                }
                if (onlyWithinLevels is not null && !onlyWithinLevels.Contains(csv.GetFieldSpan(withinColumns[0]).Trim().ToString()))
                {
                    continue;
                }
                var subjectSpan = csv.GetFieldSpan(subjectColumn).Trim();
                if (subjectSpan.IsEmpty)
                {
                    Problem(ContentText.Cell(line, design.Subject), ContentText.Get("Analysis.SubjectMissing"));
                    continue;
                }
                var subject = subjects.IndexOf(subjectSpan);
                var isNew = subject == subjectFirstLine.Count;
                if (isNew)
                {
                    subjectFirstLine.Add(line);
                }

                var rowOk = true;
                for (var f = 0; f < between.Length; f++)
                {
                    var span = csv.GetFieldSpan(betweenColumns[f]).Trim();
                    if (span.IsEmpty)
                    {
                        Problem(ContentText.Cell(line, design.Between[f]), ContentText.Get("Analysis.LevelMissing"));
                        rowOk = false;
                        if (isNew)
                        {
                            subjectBetween[f].Add(-1);
                        }
                        continue;
                    }
                    var level = between[f].IndexOf(span);
                    if (isNew)
                    {
                        subjectBetween[f].Add(level);
                    }
                    else if (subjectBetween[f][subject] != level && subjectBetween[f][subject] >= 0)
                    {
                        Problem(ContentText.Cell(line, design.Between[f]),
                            ContentText.Get("Analysis.TwoCells", subjectSpan.ToString(), span.ToString(), between[f].Names[subjectBetween[f][subject]], subjectFirstLine[subject]));
                        rowOk = false;
                    }
                }
                for (var f = 0; f < within.Length; f++)
                {
                    var span = csv.GetFieldSpan(withinColumns[f]).Trim();
                    if (span.IsEmpty)
                    {
                        Problem(ContentText.Cell(line, design.Within[f]), ContentText.Get("Analysis.LevelMissing"));
                        rowOk = false;
                        continue;
                    }
                    withinLevels[f] = within[f].IndexOf(span);
                    if (withinLevels[f] > MaxWithinLevels)
                    {
                        Problem(ContentText.Cell(line, design.Within[f]), ContentText.Get("Analysis.TooManyLevels", MaxWithinLevels + 1, design.Within[f]));
                        return new Result(null, problems);
                    }
                }

                var dvSpan = csv.GetFieldSpan(dvColumn).Trim();
                var value = double.NaN;
                if (!dvSpan.IsEmpty && !dialect.TryParseNumber(dvSpan, out value))
                {
                    Problem(ContentText.Cell(line, design.Dv), ContentText.Get("Csv.NotANumberLeaveEmpty", dvSpan.ToString()));
                    rowOk = false;
                }
                if (!rowOk)
                {
                    continue;
                }
                rowSubject.Add(subject);
                var code = 0;
                for (var f = 0; f < within.Length; f++)
                {
                    code |= withinLevels[f] << (8 * f);
                }
                rowWithin.Add(code);
                rowValue.Add(value);
                rowLine?.Add(line);
                if (rowValue.Count <= SampleRows)
                {
                    sampledChars += csv.GetRawRecordSpan().Length + 1;
                }
                if (rowValue.Count == SampleRows && input is StreamReader { BaseStream.CanSeek: true } stream)
                {
                    // Size the big buffers once from the first rows, instead of doubling them into the
                    // large-object heap again and again (each growth costs a full collection).
                    var expectedRows = (int)Math.Min(int.MaxValue / 2, stream.BaseStream.Length / (double)sampledChars * SampleRows * 1.05);
                    var expectedSubjects = (int)Math.Min(expectedRows, (long)expectedRows * subjects.Count / SampleRows + 16);
                    rowSubject.EnsureCapacity(expectedRows);
                    rowWithin.EnsureCapacity(expectedRows);
                    rowValue.EnsureCapacity(expectedRows);
                    rowLine?.EnsureCapacity(expectedRows);
                    subjects.EnsureCapacity(expectedSubjects);
                    subjectFirstLine.EnsureCapacity(expectedSubjects);
                    foreach (var list in subjectBetween)
                    {
                        list.EnsureCapacity(expectedSubjects);
                    }
                }
                if (onProgress is not null && (rowValue.Count & 0xFFFF) == 0)
                {
                    onProgress(rowValue.Count);
                }
            }
        }
        catch (CsvFormatException ex)
        {
            Problem(ContentText.Line(ex.RowNumber + 1), ContentText.Get("Csv.Malformed", ex.Message));
        }
        if (problems.Count > 0)
        {
            return new Result(null, problems);
        }

        return Assemble(design, new ParsedRows(subjects, within, between, subjectBetween,
            CollectionsMarshal.AsSpan(rowSubject), CollectionsMarshal.AsSpan(rowWithin), CollectionsMarshal.AsSpan(rowValue), rowLine), keepIncomplete, problems, inputName);
    }

    /// <summary>
    /// The rows of a file, parsed: subjects, factor levels in order of first appearance, each subject's
    /// between-subjects levels, and per row its subject, its within-subjects levels (8 bits per factor) and its value.
    /// Without <see cref="Lines"/>, row r is on line r + 2.
    /// </summary>
    internal readonly ref struct ParsedRows(SubjectTable subjects, FactorLevels[] within, FactorLevels[] between, List<int>[] subjectBetween,
        ReadOnlySpan<int> rowSubject, ReadOnlySpan<int> rowWithin, ReadOnlySpan<double> rowValue, List<int>? lines)
    {
        public SubjectTable Subjects { get; } = subjects;
        public FactorLevels[] Within { get; } = within;
        public FactorLevels[] Between { get; } = between;
        public List<int>[] SubjectBetween { get; } = subjectBetween;
        public ReadOnlySpan<int> RowSubject { get; } = rowSubject;
        public ReadOnlySpan<int> RowWithin { get; } = rowWithin;
        public ReadOnlySpan<double> RowValue { get; } = rowValue;
        public List<int>? Lines { get; } = lines;
    }

    /// <summary>From parsed rows to the ANOVA's complete cases (or every subject, for a mixed model), checking each subject has one row per cell.</summary>
    internal static Result Assemble(AnalysisDesign design, ParsedRows parsed, bool keepIncomplete, List<ValidationProblem> problems, string inputName)
    {
        void Problem(string location, string message) => AddProblem(problems, inputName, location, message);
        var (subjects, within, between, subjectBetween) = (parsed.Subjects, parsed.Within, parsed.Between, parsed.SubjectBetween);
        var rowSubject = parsed.RowSubject;
        var rowWithin = parsed.RowWithin;
        var rowValue = parsed.RowValue;
        var rowLine = parsed.Lines;
        int LineOf(int row) => rowLine?[row] ?? row + 2;
        var withinFactors = within.Select((l, f) => new Factor(design.Within[f], l.Names)).ToList();
        var betweenFactors = between.Select((l, f) => new Factor(design.Between[f], l.Names)).ToList();
        var w = withinFactors.Aggregate(1, (n, f) => n * f.Levels.Count);
        var subjectCount = subjects.Count;
        var values = new double[subjectCount * w];
        Array.Fill(values, double.NaN);
        var filledBy = new int[subjectCount * w]; // row + 1 that filled the slot
        var stride = Strides(within);
        for (var r = 0; r < rowValue.Length; r++)
        {
            var cell = 0;
            for (var f = 0; f < stride.Length; f++)
            {
                cell += ((rowWithin[r] >> (8 * f)) & 0xFF) * stride[f];
            }
            var slot = rowSubject[r] * w + cell;
            if (filledBy[slot] != 0)
            {
                Problem(ContentText.Line(LineOf(r)), ContentText.Get("Analysis.RepeatedCell", subjects.StringOf(rowSubject[r]), LineOf(filledBy[slot] - 1)));
                continue;
            }
            filledBy[slot] = r + 1;
            values[slot] = rowValue[r];
        }
        if (problems.Count > 0)
        {
            return new Result(null, problems);
        }

        if (keepIncomplete)
        {
            return Incomplete(subjects, subjectBetween, betweenFactors, withinFactors, values, w, problems, inputName);
        }

        // Listwise: only subjects with every within cell present and numeric.
        var included = new int[subjectCount];
        var excluded = new List<string>();
        var cells = new int[subjectCount];
        // Complete subjects are compacted to the front of the value array, in place.
        var keptCount = 0;
        var betweenStride = Strides(between);
        for (var s = 0; s < subjectCount; s++)
        {
            var complete = true;
            for (var c = s * w; c < (s + 1) * w; c++)
            {
                complete &= !double.IsNaN(values[c]);
            }
            if (!complete)
            {
                excluded.Add(subjects.StringOf(s));
                continue;
            }
            if (keptCount != s)
            {
                Array.Copy(values, s * w, values, keptCount * w, w);
            }
            included[keptCount] = s;
            var cell = 0;
            for (var f = 0; f < betweenStride.Length; f++)
            {
                cell += subjectBetween[f][s] * betweenStride[f];
            }
            cells[keptCount] = cell;
            keptCount++;
        }
        if (keptCount < subjectCount)
        {
            Array.Resize(ref included, keptCount);
            Array.Resize(ref cells, keptCount);
        }

        var betweenCells = betweenFactors.Aggregate(1, (n, f) => n * f.Levels.Count);
        var counts = new int[betweenCells];
        foreach (var c in cells)
        {
            counts[c]++;
        }
        for (var g = 0; g < betweenCells; g++)
        {
            if (counts[g] == 0)
            {
                var labels = RepeatedMeasuresData.LevelsOf(g, betweenFactors).Select((l, f) => $"{betweenFactors[f].Name}={betweenFactors[f].Levels[l]}");
                Problem("", ContentText.Get("Analysis.EmptyCellComplete", string.Join(", ", labels)));
            }
        }
        if (problems.Count == 0 && keptCount - betweenCells < 1)
        {
            Problem("", ContentText.Get("Analysis.TooFewSubjects", keptCount, betweenCells, betweenCells + 1));
        }
        if (problems.Count > 0)
        {
            return new Result(null, problems);
        }
        return new Result(new RepeatedMeasuresData(betweenFactors, withinFactors, subjects.View(included), cells, keptCount == subjectCount ? values : values.AsSpan(0, keptCount * w).ToArray(), excluded), problems);
    }

    /// <summary>
    /// What each factor's level is worth in a cell number: the number of cells of the factors after it (the
    /// first factor varies slowest, as <see cref="RepeatedMeasuresData.CellOf"/> numbers them), so that a cell is
    /// a sum of products instead of a walk through the factor list for each of a million rows.
    /// </summary>
    private static int[] Strides(FactorLevels[] factors)
    {
        var stride = new int[factors.Length];
        for (int f = factors.Length - 1, after = 1; f >= 0; after *= factors[f].Names.Count, f--)
        {
            stride[f] = after;
        }
        return stride;
    }

    private static void AddProblem(List<ValidationProblem> problems, string inputName, string location, string message)
    {
        if (problems.Count < 100)
        {
            problems.Add(new ValidationProblem(inputName, location, message));
        }
    }

    /// <summary>Every subject with at least one value, missing waves kept as NaN: what a mixed model reads.</summary>
    private static Result Incomplete(SubjectTable subjects, List<int>[] subjectBetween, List<Factor> betweenFactors, List<Factor> withinFactors,
        double[] values, int w, List<ValidationProblem> problems, string inputName)
    {
        var kept = new List<int>();
        var excluded = new List<string>();
        var cells = new List<int>();
        var betweenLevels = new int[betweenFactors.Count];
        var keptCount = 0;
        for (var s = 0; s < subjects.Count; s++)
        {
            var row = values.AsSpan(s * w, w);
            var any = false;
            foreach (var v in row)
            {
                any |= !double.IsNaN(v);
            }
            if (!any)
            {
                excluded.Add(subjects.StringOf(s));
                continue;
            }
            if (keptCount != s)
            {
                row.CopyTo(values.AsSpan(keptCount * w, w));
            }
            kept.Add(s);
            for (var f = 0; f < betweenFactors.Count; f++)
            {
                betweenLevels[f] = subjectBetween[f][s];
            }
            cells.Add(RepeatedMeasuresData.CellOf(betweenLevels, betweenFactors));
            keptCount++;
        }
        var betweenCells = betweenFactors.Aggregate(1, (n, f) => n * f.Levels.Count);
        for (var g = 0; g < betweenCells; g++)
        {
            if (!cells.Contains(g))
            {
                var labels = RepeatedMeasuresData.LevelsOf(g, betweenFactors).Select((l, f) => $"{betweenFactors[f].Name}={betweenFactors[f].Levels[l]}");
                problems.Add(new ValidationProblem(inputName, "", ContentText.Get("Analysis.EmptyCellAnyValue", string.Join(", ", labels))));
            }
        }
        if (problems.Count > 0)
        {
            return new Result(null, problems);
        }
        var data = new Hearth.Statistics.Mixed.LongData(betweenFactors, withinFactors, subjects.View([.. kept]), [.. cells],
            keptCount == subjects.Count ? values : values.AsSpan(0, keptCount * w).ToArray(), excluded);
        return new Result(null, problems, data);
    }
}
