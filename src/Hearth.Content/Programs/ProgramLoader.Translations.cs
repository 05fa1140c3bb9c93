using Hearth.Content.Instruments;

namespace Hearth.Content.Programs;

public static partial class ProgramLoader
{
    /// <summary>
    /// Reads <c>translations/&lt;language&gt;/</c> beside program.yaml. A translation is checked against the
    /// original it translates: the same session files, and in each the same exercises with the same
    /// minutes and the same number of homework assignments, because a cohort's records (attendance,
    /// ticked homework) are kept by number and must mean the same whichever language it runs in.
    /// </summary>
    private static void LoadTranslations(ProgramDefinition program, string folder, List<ValidationProblem> problems)
    {
        if (!LanguageTag.IsValid(program.Language))
        {
            problems.Add(new ValidationProblem(Path.Combine(folder, "program.yaml"), "language", $"'{program.Language}' is not a language tag such as en, es-MX or fa-IR"));
        }
        var root = Path.Combine(folder, "translations");
        if (!Directory.Exists(root))
        {
            return;
        }
        foreach (var directory in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            if (ReadTranslation(program, directory, problems) is { } translation)
            {
                program.Translations[translation.Language] = translation;
            }
        }
    }

    private static ProgramTranslation? ReadTranslation(ProgramDefinition program, string directory, List<ValidationProblem> problems)
    {
        var yamlPath = Path.Combine(directory, "program.yaml");
        if (!File.Exists(yamlPath))
        {
            problems.Add(new ValidationProblem(directory, "", "a translation folder holds a program.yaml with the translated texts"));
            return null;
        }
        var before = problems.Count;
        var translation = Parse<ProgramTranslation>(File.ReadAllText(yamlPath), yamlPath, lineOffset: 0, problems);
        if (translation is null)
        {
            return null;
        }
        void Add(string where, string message) => problems.Add(new ValidationProblem(yamlPath, where, message));
        var folderName = Path.GetFileName(directory);
        if (!LanguageTag.IsValid(translation.Language))
        {
            Add("language", $"'{translation.Language}' is not a language tag such as es-MX, ru or fa-IR");
        }
        else if (translation.Language != folderName)
        {
            Add("language", $"the translation into '{translation.Language}' must live in a folder named '{translation.Language}', not '{folderName}'");
        }
        else if (string.Equals(translation.Language, program.Language, StringComparison.OrdinalIgnoreCase))
        {
            Add("language", $"the program is already written in '{program.Language}'");
        }
        foreach (var (field, value) in new[] { ("title", translation.Title), ("summary", translation.Summary), ("theory", translation.Theory), ("mechanism", translation.Mechanism) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, "a value is required");
            }
        }
        if (translation.Title.Length > FieldLengths.Name)
        {
            Add("title", $"at most {FieldLengths.Name} characters");
        }
        if (program.Facilitator.Required && string.IsNullOrWhiteSpace(translation.FacilitatorRequirements))
        {
            Add("facilitator_requirements", "the program needs a facilitator: translate what it asks of them");
        }
        if (translation.RecommendReasons.Count != program.RecommendWhen.Count || translation.RecommendReasons.Any(string.IsNullOrWhiteSpace))
        {
            Add("recommend_reasons", $"translate each of the {program.RecommendWhen.Count} recommend_when reasons, in the same order, none empty");
        }

        translation.Sessions.AddRange(ReadSessions(Path.Combine(directory, "sessions"), problems));
        ValidateSessions(translation.Sessions, program, problems);
        MatchOriginal(program, translation, directory, problems);
        return problems.Count == before ? translation : null;
    }

    private static void MatchOriginal(ProgramDefinition program, ProgramTranslation translation, string directory, List<ValidationProblem> problems)
    {
        var translated = translation.Sessions.ToDictionary(s => Path.GetFileName(s.File), StringComparer.Ordinal);
        foreach (var original in program.Sessions)
        {
            var name = Path.GetFileName(original.File);
            if (!translated.Remove(name, out var session))
            {
                problems.Add(new ValidationProblem(Path.Combine(directory, "sessions", name), "", $"missing: every session of the original needs its translation, with the same file name"));
                continue;
            }
            void Add(string where, string message) => problems.Add(new ValidationProblem(session.File, where, message));
            if (session.Exercises.Count != original.Exercises.Count)
            {
                Add("exercises", $"the original has {original.Exercises.Count} exercises; the translation has {session.Exercises.Count}");
            }
            else
            {
                for (var i = 0; i < original.Exercises.Count; i++)
                {
                    if (session.Exercises[i].Minutes != original.Exercises[i].Minutes)
                    {
                        Add($"exercises[{i}].minutes", $"the original gives {original.Exercises[i].Minutes} minutes; a translation keeps the timing");
                    }
                }
            }
            if (session.Homework.Count != original.Homework.Count)
            {
                Add("homework", $"the original has {original.Homework.Count} homework assignments; the translation has {session.Homework.Count}");
            }
        }
        foreach (var extra in translated.Values)
        {
            problems.Add(new ValidationProblem(extra.File, "", "the original has no session file of this name"));
        }
        // Same order as the original, whatever order the file system listed them in.
        var order = program.Sessions.Select((s, i) => (Path.GetFileName(s.File), i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.Ordinal);
        translation.Sessions.Sort((a, b) => order.GetValueOrDefault(Path.GetFileName(a.File)).CompareTo(order.GetValueOrDefault(Path.GetFileName(b.File))));
    }
}
