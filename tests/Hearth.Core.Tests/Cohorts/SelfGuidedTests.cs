using Hearth.Core.Cohorts;
using Hearth.Content.Programs;
using Hearth.Core.Tests.Persistence;
using Hearth.Tests;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Cohorts;

public class SelfGuidedTests : IDisposable
{
    private readonly string _orgDirectory = Directory.CreateTempSubdirectory("hearth-self-guided-").FullName;

    public static TheoryData<string> Providers() => TestDatabases.Providers();

    /// <summary>The shipped programs plus a self-guided copy of the mindfulness program, as an organisation would upload it.</summary>
    private ProgramCatalog Catalog()
    {
        var source = RepoRoot.Combine("content", "programs", "mindfulness-self-compassion");
        var target = Path.Combine(_orgDirectory, "self-care");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            var text = File.ReadAllText(file);
            if (file.EndsWith("program.yaml", StringComparison.Ordinal))
            {
                text = text.Replace("id: mindfulness-self-compassion", "id: self-care", StringComparison.Ordinal)
                    .Replace("format: mixed", "format: self-guided", StringComparison.Ordinal);
            }
            File.WriteAllText(to, text);
        }
        var catalog = ProgramCatalog.Load([RepoRoot.Combine("content", "programs"), _orgDirectory], TestInstruments.Shipped.Value);
        Assert.True(catalog.Find("self-care") is { Format: ProgramFormat.SelfGuided }, string.Join("\n", catalog.Problems));
        return catalog;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_person_runs_a_self_guided_program_alone_and_stopping_ends_it(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann");
        var catalog = Catalog();
        var cohorts = new CohortScheduling(f.Db, catalog, f.Clock);
        var administration = new CohortAdministration(f.Db, f.Clock);
        var participants = new ParticipantProgram(f.Db, catalog, new CohortRota(f.Db, catalog), f.Clock);

        var run = (await cohorts.StartSelfGuidedAsync("ann", "self-care", new DateOnly(2026, 10, 5), new TimeOnly(7, 30), "Europe/London")).Require();
        Assert.True(run.SelfGuided);
        Assert.Null(run.FacilitatorId);
        Assert.Equal(8, run.Sessions.Count);
        Assert.Equal("ProgramId", OutcomeAssert.Refused(await cohorts.StartSelfGuidedAsync("ann", "self-care", new DateOnly(2026, 10, 5), new TimeOnly(7, 30), "Europe/London")).Field);
        var facilitated = OutcomeAssert.Refused(await cohorts.StartSelfGuidedAsync("ann", "balint-group", new DateOnly(2026, 10, 5), new TimeOnly(7, 30), "Europe/London"));
        Assert.Contains("run by a facilitator", facilitated.Message, StringComparison.Ordinal);

        Assert.True(Assert.Single(await participants.MineAsync("ann")).Cohort.SelfGuided);
        Assert.Empty(await administration.SummariesAsync()); // personal: not on the administrators' list
        OutcomeAssert.Missing(await administration.HandOverAsync("admin", run.Id, "facilitator"));
        Assert.Empty(await new ReflectionSharing(f.Db, f.Protection, f.Clock).TargetsAsync("ann")); // nobody to share with

        await participants.LeaveAsync("ann", run.Id);
        await using var fresh = f.Test.Fresh();
        Assert.False(await fresh.Cohorts.AnyAsync());
        Assert.False(await fresh.CohortSessions.AnyAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Starting_twice_at_once_keeps_one_run_and_deleting_the_account_removes_it(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann");
        var catalog = Catalog();
        var starts = Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = f.Test.Fresh();
            var outcome = await new CohortScheduling(db, catalog, f.Clock).StartSelfGuidedAsync("ann", "self-care", new DateOnly(2026, 10, 5), new TimeOnly(7, 30), "UTC");
            // The only refusal expected is "already following"; anything else fails the test.
            Assert.True(outcome.Done || outcome.Problem!.Message.Contains("already following", StringComparison.Ordinal), outcome.Problem?.Message);
            return outcome.Done;
        });
        Assert.Equal(1, (await Task.WhenAll(starts)).Count(ok => ok));

        await using (var db = f.Test.Fresh())
        {
            db.Users.Remove(await db.Users.SingleAsync(u => u.Id == "ann"));
            await db.SaveChangesAsync();
        }
        await using var check = f.Test.Fresh();
        Assert.False(await check.Cohorts.AnyAsync(c => c.SelfGuided));
    }

    public void Dispose()
    {
        Directory.Delete(_orgDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
