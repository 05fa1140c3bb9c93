using Hearth.Content.Instruments;

namespace Hearth.Content.Evaluation;

/// <summary>
/// Reads a time series for an interrupted time series: one row per time level, in any row order; the
/// levels are put in <see cref="TimeOrder"/>. A level given twice, an empty or non-numeric value, and a
/// start level that is not in the file are problems naming the line and column (the start, the option).
/// </summary>
public static class TimeSeriesCsv
{
    /// <param name="Periods">The time levels in order.</param>
    /// <param name="Values">The value of each period, in that order.</param>
    /// <param name="Start">The index of the start level among <paramref name="Periods"/>.</param>
    public sealed record Result(IReadOnlyList<string>? Periods, double[]? Values, int Start, IReadOnlyList<ValidationProblem> Problems);

    public static Result Read(TextReader input, string inputName, string time, string dv, string start, Csv.CsvDialect.Choice? dialectChoice = null)
    {
        if (time == dv)
        {
            return Failed(new ValidationProblem(inputName, "", "the time and dv columns must be two different columns"));
        }
        using var csv = new EvaluationCsv(input, inputName, dialectChoice);
        if (csv.Columns(time, dv) is not [var timeColumn, var dvColumn])
        {
            return Failed(csv.Problems);
        }
        var values = new Dictionary<string, (double Value, int Line)>(StringComparer.Ordinal);
        while (csv.NextRow())
        {
            var ok = csv.Present(timeColumn, time, "time");
            var value = double.NaN;
            ok &= csv.Present(dvColumn, dv, "value") && csv.TryNumber(dvColumn, dv, out value, "");
            if (!ok)
            {
                continue;
            }
            var level = csv.Cell(timeColumn).ToString();
            if (values.TryGetValue(level, out var first))
            {
                csv.Problem(csv.At(time), $"'{level}' already has a row, on line {first.Line}: an interrupted time series takes one row per period");
                continue;
            }
            values[level] = (value, csv.Line);
        }
        if (csv.HasProblems)
        {
            return Failed(csv.Problems);
        }
        var periods = TimeOrder.Sort(values.Keys);
        var startIndex = Array.IndexOf(periods, start);
        if (startIndex < 0)
        {
            var range = periods.Length == 0 ? "the file has no rows" : $"its levels run from '{periods[0]}' to '{periods[^1]}'";
            return Failed(new ValidationProblem(inputName, $"--start '{start}'", $"there is no time level '{start}' in column '{time}' ({range})"));
        }
        return new Result(periods, [.. periods.Select(p => values[p].Value)], startIndex, []);
    }

    private static Result Failed(params IReadOnlyList<ValidationProblem> problems) => new(null, null, -1, [.. problems]);
}
