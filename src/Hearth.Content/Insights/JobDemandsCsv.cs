using System.Globalization;
using Hearth.Content.Localization;
using Hearth.Content.Instruments;
using Sylvan.Data.Csv;

namespace Hearth.Content.Insights;

/// <summary>A job demand or resource recorded per team and month.</summary>
/// <param name="Column">Its column in the import file, and its key everywhere else.</param>
/// <param name="HigherIsWorse">Whether more of it is a demand (caseload) rather than a resource (supervision).</param>
public sealed record DemandMeasure(string Column, string Title, string Unit, bool HigherIsWorse);

/// <summary>One team's month from an import file, with the line it came from.</summary>
public sealed record TeamMonthRow(int Line, string Team, DateOnly Month, IReadOnlyDictionary<string, double> Values);

/// <summary>
/// Reads the job demands and resources file: a <c>team</c> column (the team's name), a <c>month</c>
/// column (<c>YYYY-MM</c>) and any of the <see cref="Measures"/> as columns. A cell left empty was not
/// recorded. Every problem names its line and column, and a file with any problem yields no rows: an
/// import is all or nothing.
/// </summary>
public static class JobDemandsCsv
{
    public const string TeamColumn = "team";
    public const string MonthColumn = "month";
    public const int MaxListedProblems = 100;

    public static readonly IReadOnlyList<DemandMeasure> Measures =
    [
        new("caseload", "Caseload", "open cases per clinician", true),
        new("contracted_hours", "Contracted hours", "hours in the month", false),
        new("worked_hours", "Hours worked", "hours in the month", true),
        new("overtime_hours", "Overtime", "hours in the month", true),
        new("on_call_shifts", "On-call shifts", "shifts in the month", true),
        new("sick_leave_days", "Sick leave", "days in the month", true),
        new("vacancies", "Vacancies", "posts unfilled (full-time equivalents)", true),
        new("supervision_hours", "Supervision", "hours in the month", false),
    ];

    public static DemandMeasure? Find(string column) => Measures.FirstOrDefault(m => m.Column == column);

    public static (IReadOnlyList<TeamMonthRow> Rows, IReadOnlyList<ValidationProblem> Problems) Read(TextReader input, string inputName)
    {
        var problems = new List<ValidationProblem>();
        void Problem(string location, string message)
        {
            if (problems.Count < MaxListedProblems)
            {
                problems.Add(new ValidationProblem(inputName, location, message));
            }
        }
        var rows = new List<TeamMonthRow>();
        try
        {
            var (csv, dialect) = Csv.CsvDialect.Open(input);
            using var _ = csv;
            var columns = Enumerable.Range(0, csv.FieldCount).Select(c => csv.GetName(c).Trim()).ToList();
            for (var c = 0; c < columns.Count; c++)
            {
                if (columns.IndexOf(columns[c]) != c)
                {
                    Problem(ContentText.Get("Csv.LineColumnNumber", 1, c + 1), ContentText.Get("Csv.ColumnTwice", columns[c]));
                }
                else if (columns[c] is not (TeamColumn or MonthColumn) && Find(columns[c]) is null)
                {
                    Problem(ContentText.Get("Csv.LineColumnNumber", 1, c + 1), ContentText.Get("Demands.UnknownColumn", columns[c], TeamColumn, MonthColumn, string.Join(", ", Measures.Select(m => m.Column))));
                }
            }
            foreach (var required in new[] { TeamColumn, MonthColumn })
            {
                if (!columns.Contains(required))
                {
                    Problem(ContentText.Line(1), ContentText.Get("Demands.ColumnMissing", required));
                }
            }
            if (problems.Count > 0)
            {
                return ([], problems);
            }
            var team = columns.IndexOf(TeamColumn);
            var month = columns.IndexOf(MonthColumn);
            var firstLine = new Dictionary<(string, DateOnly), int>();
            while (csv.Read())
            {
                var line = csv.RowNumber + 1;
                if (csv.RowFieldCount != csv.FieldCount)
                {
                    Problem(ContentText.Line(line), ContentText.Get("Csv.FieldCount", csv.RowFieldCount, csv.FieldCount));
                    continue;
                }
                var name = csv.GetString(team).Trim();
                if (name.Length == 0)
                {
                    Problem(ContentText.Cell(line, TeamColumn), ContentText.Get("Demands.TeamMissing"));
                }
                var monthText = csv.GetString(month).Trim();
                if (!DateOnly.TryParseExact(monthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
                {
                    Problem(ContentText.Cell(line, MonthColumn), ContentText.Get("Demands.NotAMonth", monthText));
                    continue;
                }
                if (name.Length > 0 && !firstLine.TryAdd((name.ToUpperInvariant(), first), line))
                {
                    Problem(ContentText.Line(line), ContentText.Get("Demands.Repeated", name, monthText, firstLine[(name.ToUpperInvariant(), first)]));
                }
                var values = new Dictionary<string, double>(StringComparer.Ordinal);
                for (var c = 0; c < columns.Count; c++)
                {
                    if (c == team || c == month)
                    {
                        continue;
                    }
                    var cell = csv.GetString(c).Trim();
                    if (cell.Length == 0)
                    {
                        continue;
                    }
                    if (!dialect.TryParseNumber(cell, out var value) || value < 0)
                    {
                        Problem(ContentText.Cell(line, columns[c]), ContentText.Get("Demands.NotNonNegative", cell.ToString()));
                        continue;
                    }
                    values[columns[c]] = value;
                }
                rows.Add(new TeamMonthRow(line, name, first, values));
            }
        }
        catch (CsvFormatException ex)
        {
            Problem(ContentText.Line(ex.RowNumber + 1), ContentText.Get("Csv.Malformed", ex.Message));
        }
        return problems.Count > 0 ? ([], problems) : (rows, problems);
    }
}
