using Hearth.Content.Analysis;
using Hearth.Content.Localization;
using Hearth.Content.Instruments;
using Hearth.Statistics.Evaluation;

namespace Hearth.Content.Evaluation;

/// <summary>Which columns of a panel file hold what: the command line of <c>hearth did</c>.</summary>
public sealed record PanelColumns(string Unit, string Time, string Treated, string Dv);

/// <summary>
/// Reads a unit × period panel for difference-in-differences: one row per unit and period (rows may be
/// missing, and a unit may have several rows in a period). The unit and time must be present; treated
/// must be 0 or 1; an empty dv cell is a missing value and its row is left out, a non-numeric one is a
/// problem. Every problem names its line and column; any problem means no data.
/// </summary>
public static class PanelCsv
{
    public sealed record Result(PanelData? Data, IReadOnlyList<ValidationProblem> Problems);

    public static Result Read(TextReader input, string inputName, PanelColumns columns, Csv.CsvDialect.Choice? dialectChoice = null)
    {
        var roles = new[] { columns.Unit, columns.Time, columns.Treated, columns.Dv };
        if (roles.Distinct(StringComparer.Ordinal).Count() < roles.Length)
        {
            return new Result(null, [new ValidationProblem(inputName, "", ContentText.Get("Evaluation.PanelColumns"))]);
        }
        using var csv = new EvaluationCsv(input, inputName, dialectChoice);
        if (csv.Columns(roles) is not [var unitColumn, var timeColumn, var treatedColumn, var dvColumn])
        {
            return new Result(null, csv.Problems);
        }

        var units = new FactorLevels();
        var periods = new FactorLevels();
        var unit = new List<int>();
        var period = new List<int>();
        var treated = new List<double>();
        var outcome = new List<double>();
        while (csv.NextRow())
        {
            var ok = csv.Present(unitColumn, columns.Unit, "Evaluation.UnitMissing") & csv.Present(timeColumn, columns.Time, "Evaluation.TimeMissing");
            var isTreated = Treated(csv, treatedColumn, columns.Treated);
            ok &= !double.IsNaN(isTreated);
            var missing = csv.Cell(dvColumn).IsEmpty;
            var value = double.NaN;
            ok &= missing || csv.TryNumber(dvColumn, columns.Dv, out value, mayBeEmpty: true);
            if (!ok || missing || csv.HasProblems)
            {
                continue;
            }
            unit.Add(units.IndexOf(csv.Cell(unitColumn)));
            period.Add(periods.IndexOf(csv.Cell(timeColumn)));
            treated.Add(isTreated);
            outcome.Add(value);
        }
        if (csv.HasProblems)
        {
            return new Result(null, csv.Problems);
        }
        return new Result(new PanelData([.. unit], units.Names.Count, [.. period], periods.Names.Count, [.. treated], [.. outcome]), csv.Problems);
    }

    /// <summary>The treated cell as 0 or 1 ("1.0" too); NaN, reported, for anything else.</summary>
    private static double Treated(EvaluationCsv csv, int column, string name)
    {
        var cell = csv.Cell(column);
        if (NumberText.TryParse(cell, out var value) && value is 0 or 1)
        {
            return value;
        }
        csv.Problem(csv.At(name), cell.IsEmpty
            ? ContentText.Get("Evaluation.TreatedMissing")
            : ContentText.Get("Evaluation.TreatedNotBinary", cell.ToString()));
        return double.NaN;
    }
}
