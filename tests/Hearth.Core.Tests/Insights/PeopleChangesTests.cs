using Hearth.Core.Insights;
using Hearth.Core.Organisations;
using Hearth.Core.Tests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Insights;

/// <summary>
/// The dashboards read the people again only when the database's count of changes has moved, so every way of
/// changing them must move it: EF, plain SQL, deletes, team edits. A change to anything else must not.
/// </summary>
public class PeopleChangesTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_change_to_people_or_teams_is_seen_by_the_next_question_and_nothing_else_rereads_them(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        var db = test.Db;
        var (ward, clinic) = (new Team { Name = "Ward" }, new Team { Name = "Clinic" });
        db.Teams.AddRange(ward, clinic);
        await db.SaveChangesAsync();
        db.Users.AddRange(
            new HearthUser { Id = "ana", UserName = "ana", Email = "ana@test.example", DisplayName = "Ana", TeamId = ward.Id },
            new HearthUser { Id = "ben", UserName = "ben", Email = "ben@test.example", DisplayName = "Ben", TeamId = ward.Id });
        await db.SaveChangesAsync();
        using var store = new InsightAnswerStore();
        var first = await store.LayoutAsync(db, CancellationToken.None);
        Assert.Equal(["ana", "ben"], first.People.Select(p => p.UserId).Order());

        // Nothing changed, or only something the dashboards do not group by: the same layout, people not read again.
        Assert.Same(first, await store.LayoutAsync(db, CancellationToken.None));
        var ben = await db.Users.SingleAsync(u => u.Id == "ben");
        ben.DisplayName = "Benjamin";
        await db.SaveChangesAsync();
        Assert.Same(first, await store.LayoutAsync(db, CancellationToken.None));
        // Identity rewrites every column of a user it updates: the same team, profession, site and status again is no change.
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "TeamId" = "TeamId", "Profession" = "Profession", "Site" = "Site", "Active" = "Active", "AccessFailedCount" = 1""");
        Assert.Same(first, await store.LayoutAsync(db, CancellationToken.None));

        // A move through EF.
        ben.TeamId = clinic.Id;
        await db.SaveChangesAsync();
        var moved = await store.LayoutAsync(db, CancellationToken.None);
        Assert.Equal(clinic.Id, moved.People.Single(p => p.UserId == "ben").TeamId);

        // A change in plain SQL, as an import or a script would make it.
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "Site" = 'North' WHERE "Id" = 'ana'""");
        Assert.Equal("North", (await store.LayoutAsync(db, CancellationToken.None)).People.Single(p => p.UserId == "ana").Site);
        await db.Database.ExecuteSqlRawAsync("""UPDATE "AspNetUsers" SET "Active" = FALSE WHERE "Id" = 'ana'""");
        Assert.False((await store.LayoutAsync(db, CancellationToken.None)).People.Single(p => p.UserId == "ana").Active);

        // A team renamed or moved under another.
        await db.Database.ExecuteSqlAsync($"""UPDATE "Teams" SET "ParentId" = {ward.Id} WHERE "Id" = {clinic.Id}""");
        Assert.Equal(ward.Id, (await store.LayoutAsync(db, CancellationToken.None)).Teams.Single(t => t.Id == clinic.Id).ParentId);
        await db.Database.ExecuteSqlAsync($"""UPDATE "Teams" SET "Name" = 'Day clinic' WHERE "Id" = {clinic.Id}""");
        Assert.Equal("Day clinic", (await store.LayoutAsync(db, CancellationToken.None)).Teams.Single(t => t.Id == clinic.Id).Name);

        // Someone erased.
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "AspNetUsers" WHERE "Id" = 'ben'""");
        Assert.Equal(["ana"], (await store.LayoutAsync(db, CancellationToken.None)).People.Select(p => p.UserId));
    }
}
