using Hearth.Content.Instruments;
using Hearth.Content.Localization;
using Sylvan.Data.Csv;

namespace Hearth.Content.Evaluation;

/// <summary>
/// What the evaluation readers share, in the style of <see cref="Analysis.LongFormatCsv"/>: columns found
/// by name (a missing one is a problem on line 1 listing the columns there are), rows with the wrong number
/// of fields or malformed CSV reported with their line, and cells named by line and column. Problems are
/// collected (the first 100) so one run reports everything wrong at once.
/// </summary>
internal sealed class EvaluationCsv : IDisposable
{
    private const int MaxProblems = 100;
    // Null when the header itself is malformed (a quote left open): the problem is recorded and Columns finds none.
    private readonly CsvDataReader? _csv;
    private readonly string _inputName;
    private readonly List<ValidationProblem> _problems = [];

    private readonly Csv.CsvDialect _dialect;

    public EvaluationCsv(TextReader input, string inputName, Csv.CsvDialect.Choice? dialectChoice = null)
    {
        _inputName = inputName;
        try
        {
            (_csv, _dialect) = Csv.CsvDialect.Open(input, dialectChoice);
        }
        catch (CsvFormatException ex)
        {
            _dialect = new Csv.CsvDialect(',', false);
            Problem(ContentText.Line(ex.RowNumber + 1), ContentText.Get("Csv.Malformed", ex.Message));
        }
    }

    public IReadOnlyList<ValidationProblem> Problems => _problems;

    public bool HasProblems => _problems.Count > 0;

    /// <summary>The line of the current row in the file (the header is line 1).</summary>
    public int Line => (_csv?.RowNumber ?? 0) + 1;

    public void Problem(string location, string message)
    {
        if (_problems.Count < MaxProblems)
        {
            _problems.Add(new ValidationProblem(_inputName, location, message));
        }
    }

    /// <summary>Where a cell of the current row is: "line 12, column 'team'".</summary>
    public string At(string column) => ContentText.Cell(Line, column);

    /// <summary>Each named column's index, or null after reporting the ones the header lacks.</summary>
    public int[]? Columns(params string[] names)
    {
        if (_csv is null)
        {
            return null;
        }
        var header = Enumerable.Range(0, _csv.FieldCount).Select(c => _csv.GetName(c).Trim()).ToList();
        var indices = names.Select(name => header.IndexOf(name)).ToArray();
        foreach (var (name, index) in names.Zip(indices))
        {
            if (index < 0)
            {
                Problem(ContentText.Line(1), ContentText.Get("Csv.NoColumn", name, string.Join(", ", header)));
            }
        }
        return indices.Any(i => i < 0) ? null : indices;
    }

    /// <summary>Moves to the next row with as many fields as the header; false at the end, or at malformed CSV (reported).</summary>
    public bool NextRow()
    {
        try
        {
            while (_csv is not null && _csv.Read())
            {
                if (_csv.RowFieldCount == _csv.FieldCount)
                {
                    return true;
                }
                Problem(ContentText.Line(Line), ContentText.Get("Csv.FieldCount", _csv.RowFieldCount, _csv.FieldCount));
            }
        }
        catch (CsvFormatException ex)
        {
            Problem(ContentText.Line(ex.RowNumber + 1), ContentText.Get("Csv.Malformed", ex.Message));
        }
        return false;
    }

    /// <summary>A cell of the current row, trimmed (only after <see cref="NextRow"/> found one).</summary>
    public ReadOnlySpan<char> Cell(int column) => _csv!.GetFieldSpan(column).Trim();

    /// <summary>A cell that must hold something: false, reported with <paramref name="missingKey"/>'s text ("the time is missing"), when empty.</summary>
    public bool Present(int column, string name, string missingKey)
    {
        if (!Cell(column).IsEmpty)
        {
            return true;
        }
        Problem(At(name), ContentText.Get(missingKey));
        return false;
    }

    /// <summary>A numeric cell; false, reported, when it is not a number (with <paramref name="mayBeEmpty"/>, saying an empty cell is a missing value).</summary>
    public bool TryNumber(int column, string name, out double value, bool mayBeEmpty)
    {
        var cell = Cell(column);
        if (_dialect.TryParseNumber(cell, out value))
        {
            return true;
        }
        Problem(At(name), ContentText.Get(mayBeEmpty ? "Csv.NotANumberLeaveEmpty" : "Csv.NotANumber", cell.ToString()));
        return false;
    }

    public void Dispose() => _csv?.Dispose();
}
