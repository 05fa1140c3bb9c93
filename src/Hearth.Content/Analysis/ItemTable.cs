using System.Globalization;
using Hearth.Content.Localization;
using Hearth.Content.Instruments;
using Sylvan.Data.Csv;

namespace Hearth.Content.Analysis;

/// <summary>Item-level data for reliability: one row per respondent, one numeric column per item. Rows with a missing item are left out (listwise).</summary>
public static class ItemTable
{
    /// <summary>Columns taken for a respondent id, never for an item: the one `hearth score` reads and writes, and the usual others.</summary>
    public static readonly IReadOnlySet<string> IdColumns = new HashSet<string>(["respondent", "id", "subject", "participant"], StringComparer.OrdinalIgnoreCase);

    public sealed record Result(IReadOnlyList<string> Items, double[,]? Data, int ExcludedRows, IReadOnlyList<ValidationProblem> Problems);

    public static Result Read(TextReader input, string inputName, IReadOnlyList<string>? items, IReadOnlyList<string> exclude, Csv.CsvDialect.Choice? dialectChoice = null)
    {
        try
        {
            return ReadCsv(input, inputName, items, exclude, dialectChoice);
        }
        catch (CsvFormatException ex)
        {
            // A quote left open, say: the file is not CSV from that line on.
            return new Result(items ?? [], null, 0, [new ValidationProblem(inputName, ContentText.Line(ex.RowNumber + 1), ContentText.Get("Csv.Malformed", ex.Message))]);
        }
    }

    private static Result ReadCsv(TextReader input, string inputName, IReadOnlyList<string>? items, IReadOnlyList<string> exclude, Csv.CsvDialect.Choice? dialectChoice)
    {
        var problems = new List<ValidationProblem>();
        var (csv, dialect) = Csv.CsvDialect.Open(input, dialectChoice);
        using var _ = csv;
        var names = Enumerable.Range(0, csv.FieldCount).Select(c => csv.GetName(c).Trim()).ToList();
        var chosen = items is { Count: > 0 } ? items : names.Where(n => !exclude.Contains(n) && !IdColumns.Contains(n)).ToList();
        var columns = new List<int>();
        foreach (var item in chosen)
        {
            var c = names.IndexOf(item);
            if (c < 0)
            {
                problems.Add(new ValidationProblem(inputName, ContentText.Line(1), ContentText.Get("Csv.NoColumn", item, string.Join(", ", names))));
            }
            columns.Add(c);
        }
        if (problems.Count > 0)
        {
            return new Result(chosen, null, 0, problems);
        }

        var rows = new List<double[]>();
        var badColumns = new HashSet<int>();
        var excluded = 0;
        while (csv.Read())
        {
            var line = csv.RowNumber + 1;
            var row = new double[columns.Count];
            var complete = true;
            for (var j = 0; j < columns.Count; j++)
            {
                var cell = csv.GetFieldSpan(columns[j]).Trim();
                if (cell.IsEmpty)
                {
                    complete = false;
                    continue;
                }
                if (!dialect.TryParseNumber(cell, out row[j]))
                {
                    // One problem per column, at its first offending line: a text column gives one line, not one per row.
                    if (badColumns.Add(j))
                    {
                        problems.Add(new ValidationProblem(inputName, ContentText.Cell(line, chosen[j]), ContentText.Get("Csv.NotANumberUnanswered", cell.ToString())));
                    }
                    complete = false;
                }
            }
            if (complete)
            {
                rows.Add(row);
            }
            else
            {
                excluded++;
            }
        }
        if (problems.Count > 0)
        {
            return new Result(chosen, null, excluded, problems);
        }
        var data = new double[rows.Count, columns.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < columns.Count; j++)
            {
                data[i, j] = rows[i][j];
            }
        }
        return new Result(chosen, data, excluded, problems);
    }
}
