using Hearth.Content.Programs;
using Hearth.Tests;

namespace Hearth.Content.Tests.Programs;

public class ProgramLibraryTests
{
    private static readonly Lazy<ProgramCatalog> Shipped = new(() => ProgramCatalog.Load(RepoRoot.Combine("content", "programs"), TestInstruments.Shipped.Value));

    [Fact]
    public void Every_shipped_program_loads_without_a_problem()
    {
        Assert.True(Shipped.Value.Problems.Count == 0, string.Join("\n", Shipped.Value.Problems));
    }

    [Theory]
    [InlineData("helping-the-helper", 6, 7, "colleague-dyads")]
    [InlineData("compassion-training", 12, 7, "facilitated-group")]
    [InlineData("mentalization-training", 12, 7, "facilitated-group")]
    [InlineData("mindfulness-self-compassion", 8, 7, "mixed")]
    public void Fixed_length_programs_have_their_sessions(string id, int sessions, int intervalDays, string format)
    {
        var program = Shipped.Value.Find(id);
        Assert.NotNull(program);
        Assert.Equal(sessions, program!.Sessions.Count);
        Assert.Equal(intervalDays, program.Cadence.IntervalDays);
        Assert.Equal(format, program.FormatName);
        Assert.Equal(format, ProgramVocabulary.Formats.NameOf(program.Format));
        Assert.All(program.Sessions, s => Assert.All(s.Homework, h => Assert.False(string.IsNullOrWhiteSpace(h.ReflectionPrompt))));
    }

    [Theory]
    [InlineData("balint-group", 14, 90)]
    [InlineData("peer-support-circle", 14, 60)]
    public void Ongoing_groups_meet_regularly(string id, int intervalDays, int minutes)
    {
        var program = Shipped.Value.Find(id);
        Assert.NotNull(program);
        Assert.True(program!.Cadence.Ongoing);
        Assert.Equal(intervalDays, program.Cadence.IntervalDays);
        Assert.Equal(minutes, program.Cadence.SessionMinutes);
    }

    [Theory]
    [InlineData("helping-the-helper", "dyads")]
    [InlineData("balint-group", "case-rota")]
    [InlineData("peer-support-circle", "buddies")]
    [InlineData("compassion-training", "none")]
    public void Group_programs_say_how_members_meet(string id, string grouping) =>
        Assert.Equal(grouping, ProgramVocabulary.Groupings.NameOf(Shipped.Value.Find(id)!.Grouping));

    [Fact]
    public void Helping_the_helper_aims_at_connectedness_and_burnout()
    {
        var outcomes = Shipped.Value.Find("helping-the-helper")!.Outcomes;
        Assert.Contains("mspss/total", outcomes);
        Assert.Contains("ucla-3/total", outcomes);
    }
}

public partial class ProgramValidationTests
{
    internal static string Write(string id, string yaml, params (string Name, string Text)[] sessions)
    {
        var root = Directory.CreateTempSubdirectory("hearth-program-").FullName;
        var folder = Path.Combine(root, id);
        Directory.CreateDirectory(Path.Combine(folder, "sessions"));
        File.WriteAllText(Path.Combine(folder, "program.yaml"), yaml);
        foreach (var (name, text) in sessions)
        {
            File.WriteAllText(Path.Combine(folder, "sessions", name), text);
        }
        return folder;
    }

    internal const string GoodYaml = """
        id: demo
        version: "1.0.0"
        title: Demo
        summary: A demo.
        level: team
        theory: Some theory.
        mechanism: Some mechanism.
        format: facilitated-group
        cadence:
          interval_days: 7
          sessions: 2
          session_minutes: 60
        outcomes: [ucla-3/total]
        measurement_points:
          - { name: pre, offset_days: -7 }
          - { name: post, offset_days: 14 }
        facilitator:
          required: true
          requirements: Trained in group work.
        recommend_when:
          - { score: ucla-3/total, bands: [lonely], reason: You said you often feel alone. }
        """;

    internal static string Session(int number, string homework = "reflection_prompt: What did you notice?") => $$"""
        ---
        number: {{number}}
        title: Session {{number}}
        goals: [Meet]
        exercises:
          - { title: Round, minutes: 30, instructions: Everyone speaks. }
        homework:
          - title: Practise
            instructions: Do it.
            {{homework}}
        facilitator_notes: Keep time.
        ---
        Welcome to session {{number}}.
        """;

    internal static ProgramLoader.Result Load(string folder) => ProgramLoader.LoadFolder(folder, TestInstruments.Shipped.Value);

    [Fact]
    public void A_sound_program_loads()
    {
        var result = Load(Write("demo", GoodYaml, ("01-first.md", Session(1)), ("02-second.md", Session(2))));
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        Assert.Equal(2, result.Program!.Sessions.Count);
        Assert.Equal("Welcome to session 1.", result.Program.Sessions[0].Body);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_file_and_field()
    {
        var yaml = GoodYaml.Replace("level: team", "level: ward\ngrouping: triads", StringComparison.Ordinal)
            .Replace("offset_days: 14", "offset_days: 900", StringComparison.Ordinal)
            .Replace("ucla-3/total]", "ucla-3/everything]", StringComparison.Ordinal)
            .Replace("bands: [lonely]", "bands: [sad]", StringComparison.Ordinal);
        var result = Load(Write("demo", yaml, ("01-first.md", Session(1, "")), ("03-third.md", Session(3))));
        Assert.Null(result.Program);
        var all = string.Join("\n", result.Problems);
        Assert.Contains("program.yaml: level: 'ward' is not a level", all);
        Assert.Contains("program.yaml: grouping: 'triads' is not a grouping", all);
        Assert.Contains("program.yaml: measurement_points[1].offset_days: a measurement point lies between -60 and 400 days", all);
        Assert.Contains("outcomes[0]: 'ucla-3' has no score 'everything'", all);
        Assert.Contains("recommend_when[0].bands[0]: 'sad' is not a band", all);
        Assert.Contains("01-first.md: homework[0].reflection_prompt", all);
        Assert.Contains("03-third.md: number: sessions are numbered", all);
    }

    [Fact]
    public void A_yaml_error_names_its_line()
    {
        var result = Load(Write("demo", GoodYaml.Replace("summary: A demo.", "summary: [unclosed", StringComparison.Ordinal), ("01-first.md", Session(1))));
        Assert.Null(result.Program);
        Assert.Matches("program.yaml: line \\d+, column \\d+", result.Problems[0].ToString());
    }

    [Fact]
    public void An_unknown_key_is_an_error_so_typos_surface()
    {
        var result = Load(Write("demo", GoodYaml + "\nsumary: typo\n", ("01-first.md", Session(1)), ("02-second.md", Session(2))));
        Assert.Null(result.Program);
        Assert.Contains("sumary", string.Join("\n", result.Problems));
    }

    [Fact]
    public void A_session_without_front_matter_is_reported_not_thrown()
    {
        var result = Load(Write("demo", GoodYaml, ("01-first.md", "Just text"), ("02-second.md", Session(2))));
        Assert.Contains(result.Problems, p => p.File.EndsWith("01-first.md", StringComparison.Ordinal) && p.Message.Contains("front matter"));
    }

    [Fact]
    public void The_folder_must_be_named_after_the_program()
    {
        var result = Load(Write("other", GoodYaml, ("01-first.md", Session(1)), ("02-second.md", Session(2))));
        Assert.Contains(result.Problems, p => p.Location == "id" && p.Message.Contains("folder named 'demo'"));
    }
}
