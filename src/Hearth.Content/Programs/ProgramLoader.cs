using System.Text.RegularExpressions;
using Hearth.Content.Instruments;
using YamlDotNet.Core;

namespace Hearth.Content.Programs;

/// <summary>
/// Reads a program folder (program.yaml + sessions/NN-slug.md) and checks it, reporting every problem
/// with its file and field (or line). Never throws for bad content; a bad program is left out.
/// </summary>
public static partial class ProgramLoader
{
    /// <summary>Measurement points Hearth reminds people of: up to two months before the first session and about a year after.</summary>
    public const int MinMeasurementOffset = -60, MaxMeasurementOffset = 400;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^(?<number>\\d{2})-[a-z0-9]+(-[a-z0-9]+)*\\.md$")]
    private static partial Regex SessionFilePattern();

    public sealed record Result(ProgramDefinition? Program, IReadOnlyList<ValidationProblem> Problems);

    /// <param name="instruments">When given, outcomes and recommendations are checked against the instrument library.</param>
    public static Result LoadFolder(string folder, InstrumentCatalog? instruments = null)
    {
        var problems = new List<ValidationProblem>();
        var yamlPath = Path.Combine(folder, "program.yaml");
        if (!File.Exists(yamlPath))
        {
            return new Result(null, [new ValidationProblem(folder, "", "no program.yaml in this folder")]);
        }
        var program = Parse<ProgramDefinition>(File.ReadAllText(yamlPath), yamlPath, lineOffset: 0, problems);
        if (program is null)
        {
            return new Result(null, problems);
        }

        program.Sessions.AddRange(ReadSessions(Path.Combine(folder, "sessions"), problems));
        problems.AddRange(Validate(program, folder, yamlPath, instruments));
        if (problems.Count == 0)
        {
            LoadTranslations(program, folder, problems);
        }
        return new Result(problems.Count == 0 ? program : null, problems);
    }

    private static List<SessionDefinition> ReadSessions(string sessionsFolder, List<ValidationProblem> problems)
    {
        var files = Directory.Exists(sessionsFolder) ? Directory.GetFiles(sessionsFolder, "*.md").Order(StringComparer.Ordinal).ToList() : [];
        return [.. files.Select(file => ReadSession(file, problems)).OfType<SessionDefinition>()];
    }

    private static SessionDefinition? ReadSession(string file, List<ValidationProblem> problems)
    {
        var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            problems.Add(new ValidationProblem(file, "line 1", "a session file starts with front matter between two '---' lines"));
            return null;
        }
        var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            problems.Add(new ValidationProblem(file, "", "the front matter is not closed by a '---' line"));
            return null;
        }
        var session = Parse<SessionDefinition>(text[4..(end + 1)], file, lineOffset: 1, problems);
        if (session is null)
        {
            return null;
        }
        session.Body = text[(end + 5)..].Trim();
        session.File = file;
        return session;
    }

    private static T? Parse<T>(string yaml, string file, int lineOffset, List<ValidationProblem> problems) where T : class
    {
        try
        {
            var value = ProgramYaml.Read<T>(ProgramYaml.Reader, yaml);
            if (value is null)
            {
                problems.Add(new ValidationProblem(file, "", "the file is empty"));
                return null;
            }
            var missing = MissingValues.In(value).ToList();
            problems.AddRange(missing.Select(field => new ValidationProblem(file, field, "has no value")));
            return missing.Count == 0 ? value : null;
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            problems.Add(new ValidationProblem(file, $"line {ex.Start.Line + lineOffset}, column {ex.Start.Column}", message));
            return null;
        }
    }

    public static IReadOnlyList<ValidationProblem> Validate(ProgramDefinition p, string folder, string yamlPath, InstrumentCatalog? instruments)
    {
        var problems = new List<ValidationProblem>();
        void Add(string where, string message) => problems.Add(new ValidationProblem(yamlPath, where, message));

        if (!IdPattern().IsMatch(p.Id))
        {
            Add("id", $"'{p.Id}' is not a valid id: lowercase letters, digits and single hyphens");
        }
        else if (Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)) != p.Id)
        {
            Add("id", $"the program '{p.Id}' must live in a folder named '{p.Id}'");
        }
        // What the database keeps of a program (cohorts record its id and version) has to fit.
        foreach (var (field, value, max) in new[] { ("id", p.Id, FieldLengths.Id), ("version", p.Version, FieldLengths.Version), ("title", p.Title, FieldLengths.Name) })
        {
            if (value.Length > max)
            {
                Add(field, $"at most {max} characters");
            }
        }
        foreach (var (field, value) in new[] { ("version", p.Version), ("title", p.Title), ("summary", p.Summary), ("theory", p.Theory), ("mechanism", p.Mechanism) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, "a value is required");
            }
        }
        if (ProgramVocabulary.Levels.TryParse(p.LevelName, out var level))
        {
            p.Level = level;
        }
        else
        {
            Add("level", $"'{p.LevelName}' is not a level: {string.Join(", ", ProgramVocabulary.Levels.Names)}");
        }
        if (ProgramVocabulary.Formats.TryParse(p.FormatName, out var format))
        {
            p.Format = format;
        }
        else
        {
            Add("format", $"'{p.FormatName}' is not a format: {string.Join(", ", ProgramVocabulary.Formats.Names)}");
        }
        if (ProgramVocabulary.Groupings.TryParse(p.GroupingName, out var grouping))
        {
            p.Grouping = grouping;
        }
        else
        {
            Add("grouping", $"'{p.GroupingName}' is not a grouping: {string.Join(", ", ProgramVocabulary.Groupings.Names)}");
        }

        var cadence = p.Cadence;
        if (cadence.IntervalDays < 1)
        {
            Add("cadence.interval_days", "the days between sessions must be at least 1");
        }
        if (cadence.SessionMinutes is < 5 or > 480)
        {
            Add("cadence.session_minutes", $"a session lasts 5 to 480 minutes, not {cadence.SessionMinutes}");
        }
        if (cadence.Ongoing && cadence.Sessions is not null)
        {
            Add("cadence.sessions", "an ongoing program has no fixed number of sessions: leave it out");
        }
        if (!cadence.Ongoing && cadence.Sessions is not > 0)
        {
            Add("cadence.sessions", "give the number of sessions (or set ongoing: true)");
        }
        if (!cadence.Ongoing && cadence.Sessions is { } expected && p.Sessions.Count != expected)
        {
            Add("cadence.sessions", $"{expected} sessions are announced but {p.Sessions.Count} session files were found in sessions/");
        }

        for (var i = 0; i < p.Outcomes.Count; i++)
        {
            CheckScore(p.Outcomes[i], $"outcomes[{i}]", instruments, Add);
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < p.MeasurementPoints.Count; i++)
        {
            var point = p.MeasurementPoints[i];
            if (string.IsNullOrWhiteSpace(point.Name) || !names.Add(point.Name))
            {
                Add($"measurement_points[{i}].name", $"measurement point names must be given and unique ('{point.Name}')");
            }
            if (point.OffsetDays is < MinMeasurementOffset or > MaxMeasurementOffset)
            {
                Add($"measurement_points[{i}].offset_days", $"a measurement point lies between {MinMeasurementOffset} and {MaxMeasurementOffset} days from the first session");
            }
        }
        if (p.Facilitator.Required && string.IsNullOrWhiteSpace(p.Facilitator.Requirements))
        {
            Add("facilitator.requirements", "say what a facilitator needs (training, experience) when one is required");
        }
        for (var i = 0; i < p.RecommendWhen.Count; i++)
        {
            var r = p.RecommendWhen[i];
            var score = CheckScore(r.Score, $"recommend_when[{i}].score", instruments, Add);
            if (string.IsNullOrWhiteSpace(r.Reason))
            {
                Add($"recommend_when[{i}].reason", "say why, in words the clinician will read");
            }
            if (r.Bands.Count == 0)
            {
                Add($"recommend_when[{i}].bands", "name at least one band of the score");
            }
            for (var b = 0; b < r.Bands.Count; b++)
            {
                if (score is not null && score.Bands.All(x => x.Label != r.Bands[b]))
                {
                    Add($"recommend_when[{i}].bands[{b}]", $"'{r.Bands[b]}' is not a band of {r.Score} ({string.Join(", ", score.Bands.Select(x => x.Label))})");
                }
            }
        }
        ValidateSessions(p, problems);
        return problems;
    }

    private static ScoreDefinition? CheckScore(string reference, string where, InstrumentCatalog? instruments, Action<string, string> add)
    {
        var parts = reference.Split('/');
        if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
        {
            add(where, $"'{reference}' should be instrument/score, e.g. 'mspss/total'");
            return null;
        }
        if (instruments is null)
        {
            return null;
        }
        if (instruments.Find(parts[0]) is not { } instrument)
        {
            add(where, $"unknown instrument '{parts[0]}'");
            return null;
        }
        var score = instrument.Scores.FirstOrDefault(s => s.Id == parts[1]);
        if (score is null)
        {
            add(where, $"'{parts[0]}' has no score '{parts[1]}' ({string.Join(", ", instrument.Scores.Select(s => s.Id))})");
        }
        return score;
    }

    private static void ValidateSessions(ProgramDefinition p, List<ValidationProblem> problems)
    {
        if (p.Sessions.Count == 0)
        {
            problems.Add(new ValidationProblem(p.Id, "sessions/", "a program needs at least one session file (sessions/01-name.md)"));
            return;
        }
        ValidateSessions(p.Sessions, p, problems);
    }

    /// <summary>Checks one language's session files (the original's or a translation's) on their own.</summary>
    private static void ValidateSessions(IReadOnlyList<SessionDefinition> sessions, ProgramDefinition p, List<ValidationProblem> problems)
    {
        var expected = 1;
        foreach (var s in sessions.OrderBy(s => s.Number))
        {
            void Add(string where, string message) => problems.Add(new ValidationProblem(s.File, where, message));
            var match = SessionFilePattern().Match(Path.GetFileName(s.File));
            if (!match.Success)
            {
                Add("", "session files are named NN-words.md (e.g. 01-getting-started.md)");
            }
            else if (int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture) != s.Number)
            {
                Add("number", $"the file name says session {match.Groups["number"].Value} but the front matter says {s.Number}");
            }
            if (s.Number != expected)
            {
                Add("number", $"sessions are numbered 1, 2, 3 … without gaps or repeats; expected {expected}, found {s.Number}");
            }
            expected = s.Number + 1;
            if (string.IsNullOrWhiteSpace(s.Title))
            {
                Add("title", "a value is required");
            }
            if (s.Goals.Count == 0 || s.Goals.Any(string.IsNullOrWhiteSpace))
            {
                Add("goals", "list at least one goal, none empty");
            }
            if (s.Exercises.Count == 0)
            {
                Add("exercises", "list at least one in-session exercise");
            }
            for (var i = 0; i < s.Exercises.Count; i++)
            {
                var e = s.Exercises[i];
                if (string.IsNullOrWhiteSpace(e.Title) || string.IsNullOrWhiteSpace(e.Instructions))
                {
                    Add($"exercises[{i}]", "an exercise needs a title and instructions");
                }
                if (e.Minutes < 1)
                {
                    Add($"exercises[{i}].minutes", "give the minutes the exercise takes");
                }
            }
            var total = s.Exercises.Sum(e => e.Minutes);
            if (total > p.Cadence.SessionMinutes && p.Cadence.SessionMinutes > 0)
            {
                Add("exercises", $"the exercises take {total} minutes, more than the {p.Cadence.SessionMinutes}-minute session");
            }
            for (var i = 0; i < s.Homework.Count; i++)
            {
                var h = s.Homework[i];
                if (string.IsNullOrWhiteSpace(h.Title) || string.IsNullOrWhiteSpace(h.Instructions))
                {
                    Add($"homework[{i}]", "homework needs a title and instructions");
                }
                if (string.IsNullOrWhiteSpace(h.ReflectionPrompt))
                {
                    Add($"homework[{i}].reflection_prompt", "every homework assignment has a reflection prompt");
                }
            }
            if (string.IsNullOrWhiteSpace(s.FacilitatorNotes) && p.Facilitator.Required)
            {
                Add("facilitator_notes", "a facilitated program's sessions carry notes for the facilitator");
            }
            if (string.IsNullOrWhiteSpace(s.Body))
            {
                Add("", "the session has no text for participants after the front matter");
            }
        }
    }
}
