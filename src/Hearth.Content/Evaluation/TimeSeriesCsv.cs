using Hearth.Content.Instruments;
using Hearth.Content.Localization;

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
            return Failed(new ValidationProblem(inputName, "", ContentText.Get("Evaluation.SeriesColumns")));
        }
        using var csv = new EvaluationCsv(input, inputName, dialectChoice);
        if (csv.Columns(time, dv) is not [var timeColumn, var dvColumn])
        {
            return Failed(csv.Problems);
        }
        var values = new Dictionary<string, (double Value, int Line)>(StringComparer.Ordinal);
        while (csv.NextRow())
        {
            var ok = csv.Present(timeColumn, time, "Evaluation.TimeMissing");
            var value = double.NaN;
            ok &= csv.Present(dvColumn, dv, "Evaluation.ValueMissing") && csv.TryNumber(dvColumn, dv, out value, mayBeEmpty: false);
            if (!ok)
            {
                continue;
            }
            var level = csv.Cell(timeColumn).ToString();
            if (values.TryGetValue(level, out var first))
            {
                csv.Problem(csv.At(time), ContentText.Get("Evaluation.RepeatedPeriod", level, first.Line));
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
            var range = periods.Length == 0 ? ContentText.Get("Evaluation.NoRows") : ContentText.Get("Evaluation.LevelsRange", periods[0], periods[^1]);
            return Failed(new ValidationProblem(inputName, $"--start '{start}'", ContentText.Get("Evaluation.NoStart", start, time, range)));
        }
        return new Result(periods, [.. periods.Select(p => values[p].Value)], startIndex, []);
    }

    private static Result Failed(params IReadOnlyList<ValidationProblem> problems) => new(null, null, -1, [.. problems]);
}
