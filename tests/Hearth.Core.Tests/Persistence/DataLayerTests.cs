using System.Text.Json;
using Hearth.Content.Instruments;
using Hearth.Core.Measurements;
using Hearth.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Persistence;

/// <summary>The same data-layer tests on SQLite and PostgreSQL.</summary>
public class DataLayerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    internal static readonly MeasurementSecrets Secrets = new(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());

    public static TheoryData<string> Providers() => TestDatabases.Providers();

    private static HearthUser User(string id) => new() { Id = id, UserName = id, Email = $"{id}@test.example", DisplayName = id, CreatedAt = Now };

    private static async Task EnableAsync(Hearth.Core.Persistence.HearthDbContext db, string instrument)
    {
        db.InstrumentChoices.Add(new InstrumentChoice { InstrumentId = instrument, Enabled = true });
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrations_create_every_table(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        Assert.Empty(await test.Db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await test.Db.Measurements.CountAsync());
        Assert.Equal(0, await test.Db.Users.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_submitted_measurement_is_stored_with_its_scores_and_safety_flag(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        test.Db.Users.Add(User("u1"));
        await EnableAsync(test.Db, "phq-9");
        var service = new MeasurementService(test.Db, TestInstruments.Shipped.Value, new FixedClock(Now), Secrets);
        var answers = Enumerable.Range(1, 9).ToDictionary(i => $"{i}", i => (double?)(i == 9 ? 2 : 1));

        var result = await service.SubmitAsync("u1", "phq-9", answers, MeasurementKind.Questionnaire, requireAll: true);

        Assert.True(result.Succeeded);
        await using var fresh = test.Fresh();
        var stored = await fresh.Measurements.Include(m => m.Scores).SingleAsync();
        Assert.Equal("phq-9", stored.InstrumentId);
        Assert.Equal(Now, stored.SubmittedAt);
        Assert.Equal(10, stored.Scores.Single(s => s.ScoreId == "total").Value);
        Assert.Equal("moderate", stored.Scores.Single(s => s.ScoreId == "total").Band);
        Assert.Equal(["self-harm-thoughts"], Secrets.SafetyRules(stored));
        Assert.Equal(2, Secrets.Answers(stored)["9"]);
        // At rest, neither the answers nor the flag can be read without the key.
        Assert.DoesNotContain("\"9\"", stored.AnswersJson, StringComparison.Ordinal);
        Assert.DoesNotContain("self-harm", stored.SafetyRules, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Results_are_filtered_by_owner_in_the_query(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        test.Db.Users.AddRange(User("alice"), User("bob"));
        await EnableAsync(test.Db, "who-5");
        var service = new MeasurementService(test.Db, TestInstruments.Shipped.Value, new FixedClock(Now), Secrets);
        var five = Enumerable.Range(1, 5).ToDictionary(i => $"{i}", _ => (double?)3);
        var alices = await service.SubmitAsync("alice", "who-5", five, MeasurementKind.CheckIn, requireAll: true);
        await service.SubmitAsync("bob", "who-5", five, MeasurementKind.CheckIn, requireAll: true);

        await using var fresh = test.Fresh();
        var query = new ResultsQuery(fresh, TestInstruments.Shipped.Value);
        Assert.Single(await query.MeasurementsOfAsync("alice"));
        Assert.Null(await query.MeasurementAsync("bob", alices.Measurement!.Id));
        Assert.NotNull(await query.MeasurementAsync("alice", alices.Measurement!.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task History_is_in_time_order_with_the_change_since_last_time(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        test.Db.Users.Add(User("u1"));
        await EnableAsync(test.Db, "who-5");
        var clock = new FixedClock(Now);
        var service = new MeasurementService(test.Db, TestInstruments.Shipped.Value, clock, Secrets);
        foreach (var (day, value) in new[] { (0, 2), (14, 4), (7, 3) })
        {
            clock.Now = Now.AddDays(day);
            await service.SubmitAsync("u1", "who-5", Enumerable.Range(1, 5).ToDictionary(i => $"{i}", _ => (double?)value), MeasurementKind.CheckIn, requireAll: true);
        }

        await using var fresh = test.Fresh();
        var total = (await new ResultsQuery(fresh, TestInstruments.Shipped.Value).HistoryOfAsync("u1")).Single(h => h.Score.Id == "total");
        Assert.Equal([40.0, 60, 80], total.Points.Select(p => p.Value));
        Assert.Equal(20, total.ChangeSinceLast);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deleting_an_account_deletes_its_measurements(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        test.Db.Users.Add(User("leaver"));
        await EnableAsync(test.Db, "who-5");
        var service = new MeasurementService(test.Db, TestInstruments.Shipped.Value, new FixedClock(Now), Secrets);
        await service.SubmitAsync("leaver", "who-5", Enumerable.Range(1, 5).ToDictionary(i => $"{i}", _ => (double?)1), MeasurementKind.CheckIn, requireAll: true);

        test.Db.Users.Remove(await test.Db.Users.SingleAsync());
        await test.Db.SaveChangesAsync();

        await using var fresh = test.Fresh();
        Assert.Equal(0, await fresh.Measurements.CountAsync());
        Assert.Equal(0, await fresh.Set<MeasurementScore>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_answer_off_the_scale_is_refused_and_nothing_is_stored(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        test.Db.Users.Add(User("u1"));
        await EnableAsync(test.Db, "who-5");
        var service = new MeasurementService(test.Db, TestInstruments.Shipped.Value, new FixedClock(Now), Secrets);
        var answers = Enumerable.Range(1, 5).ToDictionary(i => $"{i}", i => (double?)(i == 2 ? 9 : 1));

        var result = await service.SubmitAsync("u1", "who-5", answers, MeasurementKind.CheckIn, requireAll: true);

        Assert.False(result.Succeeded);
        Assert.Equal("2", Assert.Single(result.Problems).LinkId);
        await using var fresh = test.Fresh();
        Assert.Equal(0, await fresh.Measurements.CountAsync());
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

public class MeasurementStoreTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_submissions_are_committed_together_and_each_caller_waits_for_the_commit(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        await test.AddPeopleAsync(Enumerable.Range(0, 50).Select(i => $"u{i}"));
        await using var store = new BatchingMeasurementStore(test.Fresh);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => store.SaveAsync(new Measurement
        {
            UserId = $"u{i % 50}",
            InstrumentId = "who-5",
            InstrumentVersion = "1",
            AnswersJson = "{}",
            SubmittedAt = DateTimeOffset.UnixEpoch.AddMinutes(i),
            Scores = [new MeasurementScore { ScoreId = "total", Value = i }],
        })));

        await using var fresh = test.Fresh();
        Assert.Equal(200, await fresh.Measurements.CountAsync());
        Assert.Equal(200, await fresh.Set<MeasurementScore>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_writers_plain_inserts_store_every_field_as_ef_core_reads_it_back_under_the_ids_they_set(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        await test.AddPeopleAsync("u");
        var moment = new DateTimeOffset(2026, 3, 29, 1, 30, 15, 123, TimeSpan.Zero);
        var written = Enumerable.Range(0, 30).Select(i => new Measurement
        {
            UserId = "u",
            InstrumentId = i % 2 == 0 ? "who-5" : "proqol-5",
            InstrumentVersion = $"1.{i}",
            Kind = i % 3 == 0 ? MeasurementKind.Questionnaire : MeasurementKind.CheckIn,
            SubmittedAt = moment.AddSeconds(i * 7.25),
            AnswersJson = $"{{\"1\":{i}}}",
            SafetyRules = i % 4 == 0 ? null : $"rule-{i}",
            Scores = [.. Enumerable.Range(0, i % 3).Select(k => new MeasurementScore { ScoreId = $"s{k}", Value = k == 1 ? null : i + k / 4.0, Band = k == 0 ? "low" : null })],
        }).ToList();

        // Straight through the plain road (the store would fall back to EF Core row by row if it failed).
        await using (var writer = test.Fresh())
        {
            await MeasurementRows.InsertAsync(writer, written);
        }
        Assert.Equal(written.Count, written.Select(m => m.Id).Distinct().Count());

        await using var fresh = test.Fresh();
        var read = await fresh.Measurements.Include(m => m.Scores).AsNoTracking().ToDictionaryAsync(m => m.Id);
        Assert.Equal(written.Count, read.Count);
        foreach (var m in written)
        {
            var back = read[m.Id];
            Assert.Equal((m.UserId, m.InstrumentId, m.InstrumentVersion, m.Kind, m.SubmittedAt, m.AnswersJson, m.SafetyRules),
                (back.UserId, back.InstrumentId, back.InstrumentVersion, back.Kind, back.SubmittedAt, back.AnswersJson, back.SafetyRules));
            Assert.Equal(m.Scores.Select(s => (Id: s.Id, Of: m.Id, s.ScoreId, s.Value, s.Band)).OrderBy(s => s.Id),
                back.Scores.Select(s => (Id: s.Id, Of: s.MeasurementId, s.ScoreId, s.Value, s.Band)).OrderBy(s => s.Id));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_failed_commit_fails_its_callers_and_stores_nothing_of_the_batch(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        await using var store = new BatchingMeasurementStore(test.Fresh);

        // No such user: the foreign key refuses the row.
        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveAsync(new Measurement
        {
            UserId = "nobody", InstrumentId = "who-5", InstrumentVersion = "1", AnswersJson = "{}",
        }));

        await using var fresh = test.Fresh();
        Assert.Equal(0, await fresh.Measurements.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reliable_change_uses_the_organisations_baseline_sd_from_thirty_people(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        test.Db.InstrumentChoices.Add(new InstrumentChoice { InstrumentId = "gad-7", Enabled = true });
        await test.AddPeopleAsync(Enumerable.Range(0, 30).Select(i => $"p{i}"));
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var service = new MeasurementService(test.Db, TestInstruments.Shipped.Value, clock, DataLayerTests.Secrets);
        static Dictionary<string, double?> All(int value) => Enumerable.Range(1, 7).ToDictionary(k => $"{k}", _ => (double?)value);
        // Baselines alternate totals 14 and 0: SD ≈ 7.1; GAD-7 α = .92 → S_diff ≈ 2.85
        for (var i = 0; i < 30; i++)
        {
            await service.SubmitAsync($"p{i}", "gad-7", All(i % 2 == 0 ? 2 : 0), MeasurementKind.Questionnaire, requireAll: true);
        }
        clock.Now = clock.Now.AddDays(30);
        await service.SubmitAsync("p0", "gad-7", All(0), MeasurementKind.Questionnaire, requireAll: true); // 14 → 0
        clock.Now = clock.Now.AddDays(1);
        await service.SubmitAsync("p2", "gad-7", All(2), MeasurementKind.Questionnaire, requireAll: true); // 14 → 14

        await using var fresh = test.Fresh();
        var query = new ResultsQuery(fresh, TestInstruments.Shipped.Value);
        var p0 = (await query.HistoryOfAsync("p0")).Single(h => h.Score.Id == "total");
        Assert.Equal(-14, p0.ChangeSinceLast);
        Assert.Equal(Hearth.Statistics.Change.ChangeDirection.Improved, p0.ReliableChange);
        Assert.Equal(Hearth.Statistics.Change.ChangeDirection.Unchanged, (await query.HistoryOfAsync("p2")).Single(h => h.Score.Id == "total").ReliableChange);
        // Computed in the database from each person's first score only (p0's and p2's later ones left out).
        var firsts = Enumerable.Range(0, 30).Select(i => i % 2 == 0 ? 14.0 : 0.0).ToArray();
        Assert.Equal(MathNet.Numerics.Statistics.Statistics.StandardDeviation(firsts), (await query.ReferenceSdAsync("gad-7", "total"))!.Value, 9);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Without_thirty_people_no_reliable_change_is_claimed(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        test.Db.InstrumentChoices.Add(new InstrumentChoice { InstrumentId = "gad-7", Enabled = true });
        await test.AddPeopleAsync("solo");
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var service = new MeasurementService(test.Db, TestInstruments.Shipped.Value, clock, DataLayerTests.Secrets);
        await service.SubmitAsync("solo", "gad-7", Enumerable.Range(1, 7).ToDictionary(k => $"{k}", _ => (double?)3), MeasurementKind.Questionnaire, requireAll: true);
        clock.Now = clock.Now.AddDays(1);
        await service.SubmitAsync("solo", "gad-7", Enumerable.Range(1, 7).ToDictionary(k => $"{k}", _ => (double?)0), MeasurementKind.Questionnaire, requireAll: true);

        await using var fresh = test.Fresh();
        var total = (await new ResultsQuery(fresh, TestInstruments.Shipped.Value).HistoryOfAsync("solo")).Single(h => h.Score.Id == "total");
        Assert.Equal(-21, total.ChangeSinceLast);
        Assert.Null(total.ReliableChange);
    }
}

public class MeasurementStoreIsolationTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task One_bad_row_does_not_fail_the_others_in_its_batch(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        await test.AddPeopleAsync("real");
        await using var store = new BatchingMeasurementStore(test.Fresh);
        Measurement Row(string user) => new() { UserId = user, InstrumentId = "who-5", InstrumentVersion = "1", AnswersJson = "{}" };

        var saves = Enumerable.Range(0, 40).Select(i => store.SaveAsync(Row(i == 20 ? "ghost" : "real"))).ToList();
        var outcomes = await Task.WhenAll(saves.Select(async s =>
        {
            try
            {
                await s;
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }));

        Assert.Equal(39, outcomes.Count(ok => ok));
        await using var fresh = test.Fresh();
        Assert.Equal(39, await fresh.Measurements.CountAsync());
    }
}
