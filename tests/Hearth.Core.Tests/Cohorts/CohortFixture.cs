using Hearth.Core.Cohorts;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Content.Programs;
using Hearth.Core.Tests.Persistence;
using Hearth.Tests;
using Microsoft.AspNetCore.DataProtection;

namespace Hearth.Core.Tests.Cohorts;

/// <summary>A migrated database with a facilitator and participants, and the services a cohort needs.</summary>
internal sealed class CohortFixture : IAsyncDisposable
{
    public static readonly Lazy<ProgramCatalog> Programs = new(() => ProgramCatalog.Load(RepoRoot.Combine("content", "programs"), TestInstruments.Shipped.Value));

    private CohortFixture(TestDatabase test) => Test = test;

    public TestDatabase Test { get; }
    public HearthDbContext Db => Test.Db;
    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero));
    public IDataProtectionProvider Protection { get; } = new EphemeralDataProtectionProvider();

    public CohortScheduling Scheduling => new(Db, Programs.Value, Clock);
    public CohortMembers Members => new(Db, Clock);
    public CohortAttendance Attendance => new(Db, Protection, Clock);
    public CohortRota Rota => new(Db, Programs.Value);
    public CohortAdministration Administration => new(Db, Clock);
    public ParticipantProgram Participants => new(Db, Programs.Value, Rota, Clock);
    public ReflectionSharing Sharing => new(Db, Protection, Clock);
    public ResultSharing Results => new(Db, TestInstruments.Shipped.Value, Clock);
    public CohortDashboard Dashboard => new(Db, Programs.Value, Participants, Sharing, Results, Clock);

    public static async Task<CohortFixture> CreateAsync(string provider, params string[] people)
    {
        var fixture = new CohortFixture(await TestDatabases.CreateAsync(provider));
        foreach (var id in people.Prepend("facilitator").Prepend("other-facilitator"))
        {
            fixture.Db.Users.Add(new HearthUser { Id = id, UserName = id, Email = $"{id}@test.example", DisplayName = $"Name of {id}" });
        }
        await fixture.Db.SaveChangesAsync();
        return fixture;
    }

    public async Task<Cohort> StartAsync(string program, params string[] members)
    {
        var cohort = (await Scheduling.StartAsync("facilitator", new NewCohort(program, "Autumn group", new DateOnly(2026, 10, 8), new TimeOnly(9, 30), "Europe/London", "Room 2", null, 12))).Require();
        foreach (var m in members)
        {
            Assert.True((await Members.AddParticipantAsync("facilitator", cohort.Id, m)).Require());
        }
        return cohort;
    }

    public ValueTask DisposeAsync() => Test.DisposeAsync();
}
