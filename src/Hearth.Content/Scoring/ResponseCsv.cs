using Hearth.Content.Instruments;
using Hearth.Content.Localization;
using Sylvan.Data.Csv;

namespace Hearth.Content.Scoring;

/// <summary>
/// Reads a CSV of responses to one instrument: a <c>respondent</c> column and one column per linkId
/// holding the published value of the chosen option (before reverse keying); an empty cell is a
/// missing answer, an absent item column is missing for everyone. Every bad row is reported with
/// its line and column; rows stop being handed on at the first problem, because the caller will
/// discard its output anyway.
/// </summary>
public static class ResponseCsv
{
    public const string RespondentColumn = "respondent";

    /// <summary>Problems listed in full; beyond this only the count grows, so a wholly wrong file stays readable.</summary>
    public const int MaxListedProblems = 100;

    /// <summary>Receives one valid row: the respondent and one answer per item (NaN when missing). Both buffers are reused.</summary>
    public delegate void RowHandler(ReadOnlySpan<char> respondent, double[] answers);

    public static BatchResult Read(InstrumentScorer scorer, TextReader input, string inputName, RowHandler onRow, Action<long>? onProgress = null, Csv.CsvDialect.Choice? dialectChoice = null)
    {
        var problems = new List<ValidationProblem>();
        long problemCount = 0;
        void Problem(string location, string message)
        {
            problemCount++;
            if (problems.Count < MaxListedProblems)
            {
                problems.Add(new ValidationProblem(inputName, location, message));
            }
        }

        long rows = 0;
        try
        {
            var (csv, dialect) = Csv.CsvDialect.Open(input, dialectChoice);
            using var _ = csv;
            if (MapColumns(scorer, [.. Enumerable.Range(0, csv.FieldCount).Select(c => csv.GetName(c).Trim())], Problem) is not var (respondentColumn, itemOfColumn))
            {
                return new BatchResult(0, problems, problemCount);
            }

            var answers = new double[scorer.ItemCount];
            while (csv.Read())
            {
                // The header is line 1 and Sylvan numbers data rows from 1; quoted line breaks have no place in this format.
                var line = csv.RowNumber + 1;
                if (csv.RowFieldCount != csv.FieldCount)
                {
                    Problem(ContentText.Line(line), ContentText.Get("Csv.FieldCount", csv.RowFieldCount, csv.FieldCount));
                    continue;
                }
                var respondent = csv.GetFieldSpan(respondentColumn).Trim();
                var rowOk = true;
                if (respondent.IsEmpty)
                {
                    Problem(ContentText.Cell(line, RespondentColumn), ContentText.Get("Scores.RespondentMissing"));
                    rowOk = false;
                }

                Array.Fill(answers, double.NaN);
                for (var c = 0; c < itemOfColumn.Length; c++)
                {
                    var item = itemOfColumn[c];
                    if (item < 0)
                    {
                        continue;
                    }
                    var cell = csv.GetFieldSpan(c).Trim();
                    if (cell.IsEmpty)
                    {
                        continue;
                    }
                    if (!dialect.TryParseNumber(cell, out var value) || !scorer.IsAllowed(item, value))
                    {
                        Problem(ContentText.Cell(line, csv.GetName(c)),
                            ContentText.Get("Scores.NotAnAnswer", cell.ToString(), scorer.Instrument.Items[item].LinkId, scorer.DescribeAllowed(item)));
                        rowOk = false;
                        continue;
                    }
                    answers[item] = value;
                }

                if (!rowOk || problemCount > 0)
                {
                    continue;
                }
                onRow(respondent, answers);
                rows++;
                if (onProgress is not null && (rows & 0xFFFF) == 0)
                {
                    onProgress(rows);
                }
            }
        }
        catch (CsvFormatException ex)
        {
            Problem(ContentText.Line(ex.RowNumber + 1), ContentText.Get("Csv.Malformed", ex.Message));
        }
        return new BatchResult(problemCount > 0 ? 0 : rows, problems, problemCount);
    }

    /// <summary>
    /// The respondent's column and the item each other column holds (-1 for none) from the header's trimmed names;
    /// null after naming each problem (a column twice, an unknown column, no respondent column). The batch scorer's
    /// fast road asks it too, and declines when it says no.
    /// </summary>
    internal static (int Respondent, int[] ItemOfColumn)? MapColumns(InstrumentScorer scorer, IReadOnlyList<string> names, Action<string, string> problem)
    {
        var respondent = -1;
        var itemOfColumn = new int[names.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ok = true;
        for (var c = 0; c < names.Count; c++)
        {
            var name = names[c];
            itemOfColumn[c] = -1;
            if (!seen.Add(name))
            {
                problem(ContentText.Get("Csv.LineColumnNumber", 1, c + 1), ContentText.Get("Csv.ColumnTwice", name));
                ok = false;
            }
            else if (name == RespondentColumn)
            {
                respondent = c;
            }
            else if (scorer.IndexOf(name) is var item and >= 0)
            {
                itemOfColumn[c] = item;
            }
            else
            {
                problem(ContentText.Get("Csv.LineColumnNumber", 1, c + 1), ContentText.Get("Scores.UnknownColumn", name, scorer.Instrument.Id, scorer.Instrument.Items[0].LinkId, scorer.Instrument.Items[^1].LinkId));
                ok = false;
            }
        }
        if (respondent < 0)
        {
            problem(ContentText.Line(1), ContentText.Get("Scores.NoRespondentColumn", RespondentColumn));
            ok = false;
        }
        return ok ? (respondent, itemOfColumn) : null;
    }

    /// <summary>Reads a whole (small) file into scored responses, for FHIR export and tests.</summary>
    public static (IReadOnlyList<(string Respondent, ScoredResponse Response)> Responses, IReadOnlyList<ValidationProblem> Problems) ReadScored(InstrumentScorer scorer, string path)
    {
        var responses = new List<(string, ScoredResponse)>();
        using var reader = new StreamReader(path);
        var result = Read(scorer, reader, path, (respondent, answers) =>
        {
            var byLinkId = new Dictionary<string, double?>(StringComparer.Ordinal);
            for (var i = 0; i < answers.Length; i++)
            {
                byLinkId[scorer.Instrument.Items[i].LinkId] = double.IsNaN(answers[i]) ? null : answers[i];
            }
            responses.Add((respondent.ToString(), scorer.Score(byLinkId)));
        });
        return (responses, result.Problems);
    }
}
