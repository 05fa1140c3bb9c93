using System.Text.Json;

namespace Hearth.Cli.Tests;

public class ProgramsCommandTests
{
    private static string Programs => Hearth.Tests.RepoRoot.Combine("content", "programs");

    [Fact]
    public void List_shows_the_shipped_programs()
    {
        var run = CliRun.Of("programs", "list", "--programs", Programs, "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var hth = doc.RootElement.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "helping-the-helper");
        Assert.Equal(6, hth.GetProperty("sessions").GetInt32());
        Assert.Equal("colleague-dyads", hth.GetProperty("format").GetString());

        var table = CliRun.Of("programs", "list", "--programs", Programs);
        foreach (var header in new[] { "id", "title", "level", "format", "sessions" })
        {
            Assert.Contains(header, table.Out);
        }
    }

    [Fact]
    public void Validate_accepts_the_shipped_programs()
    {
        var run = CliRun.Of("programs", "validate", Programs);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Err);
    }

    [Fact]
    public void Validate_lists_every_problem_and_exits_1()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "broken");
        Directory.CreateDirectory(Path.Combine(folder, "sessions"));
        File.WriteAllText(Path.Combine(folder, "program.yaml"), "id: broken\nversion: '1'\ntitle: Broken\nsummary: s\nlevel: ward\ntheory: t\nmechanism: m\nformat: mixed\ncadence: { interval_days: 7, sessions: 1, session_minutes: 60 }\noutcomes: [nope/total]\n");
        File.WriteAllText(Path.Combine(folder, "sessions", "01-only.md"), "no front matter");

        var run = CliRun.Of("programs", "validate", folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("level: 'ward' is not a level", run.Err);
        Assert.Contains("outcomes[0]: unknown instrument 'nope'", run.Err);
        Assert.Contains("01-only.md", run.Err);
    }
}
