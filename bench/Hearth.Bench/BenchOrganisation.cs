using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The organisation the web benchmarks stand on, generated inside the database (PostgreSQL or SQLite) so
/// that half a million rows take seconds, not the hour they would take through EF: CLINICIANS people
/// <c>u1…uN</c> in teams of about 20 under services of five teams, over five professions and two sites,
/// each with a weekly WHO-5 check-in for WEEKS weeks. Scores and bands are stored in the clear, as the app
/// keeps them (organisation figures are computed from them); the answers are left empty, which the app
/// reads as answers it cannot decrypt: nobody but their owner ever reads them, and no benchmark signs in
/// as one of these people.
/// </summary>
internal static class BenchOrganisation
{
    public sealed record Seeded(int Teams, int Services, long CheckIns);

    /// <param name="now">The moment the check-ins count back from (SQLite stores moments as numbers; PostgreSQL uses its own now()).</param>
    public static async Task<Seeded> SeedCliniciansAsync(HearthDbContext db, int clinicians, int weeks, DateTimeOffset now)
    {
        var postgres = db.Database.IsNpgsql();
        var teams = Math.Max(2, clinicians / 20);
        var serviceCount = Math.Max(1, teams / 5);
        // Services first (ids after any existing team), then teams under them: the team tree the dashboard nests.
        var first = await db.Teams.MaxAsync(t => (int?)t.Id) ?? 0;

        // 1…count as a column named after the alias.
        string Series(string column, int count) => postgres
            ? $"generate_series(1, {count}) AS {column}_t({column})"
            : $"(WITH RECURSIVE s(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM s WHERE v < {count}) SELECT v AS {column} FROM s) AS {column}_t";
        // SQLite keeps a moment as the number DateTimeOffsetToBinaryConverter makes of it (see HearthDbContext).
        var moment = HearthDbContextMoments.ToNumber;
        var nowSql = postgres ? "now()" : moment(now).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var day = moment(now) - moment(now.AddDays(-1));
        var hour = moment(now) - moment(now.AddHours(-1));
        string Before(string days, string hours) => postgres
            ? $"now() - make_interval(days => {days}, hours => {hours})"
            : $"{nowSql} - ({days}) * {day} - ({hours}) * {hour}";

        // Only integers are interpolated.
        var sql = $"""
            INSERT INTO "Teams" ("Name") SELECT 'Service ' || g FROM {Series("g", serviceCount)};
            INSERT INTO "Teams" ("Name", "ParentId") SELECT 'Team ' || g, {first} + 1 + (g % {serviceCount}) FROM {Series("g", teams)};
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "DisplayName", "TeamId", "Profession", "Site", "Active", "CreatedAt",
                "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "SecurityStamp", "ConcurrencyStamp")
            SELECT 'u' || g, 'u' || g, 'U' || g, 'u' || g || '@bench.example', 'U' || g || '@BENCH.EXAMPLE', TRUE, 'Person ' || g,
                {first} + {serviceCount} + 1 + (g % {teams}),
                CASE g % 5 WHEN 0 THEN 'Nurse' WHEN 1 THEN 'Psychologist' WHEN 2 THEN 'Psychiatrist' WHEN 3 THEN 'Social worker' ELSE 'Occupational therapist' END,
                CASE (g / 7) % 2 WHEN 0 THEN 'North site' ELSE 'South site' END, TRUE, {nowSql}, FALSE, FALSE, FALSE, 0, 'bench-stamp-' || g, 'bench-' || g
            FROM {Series("g", clinicians)};
            INSERT INTO "Measurements" ("UserId", "InstrumentId", "InstrumentVersion", "Kind", "SubmittedAt", "AnswersJson")
            SELECT 'u' || u, 'who-5', '1.0.0', 0, {Before("7 * w + (u % 5)", "u % 9")}, ''
            FROM {Series("u", clinicians)}, (SELECT w - 1 AS w FROM {Series("w", weeks)}) AS weeks;
            INSERT INTO "MeasurementScore" ("MeasurementId", "ScoreId", "Value", "Band")
            SELECT "Id", 'total', v, CASE WHEN v <= 28 THEN 'very low wellbeing' WHEN v <= 50 THEN 'low wellbeing' ELSE 'adequate wellbeing' END
            FROM (SELECT "Id", 4 * (5 + (("Id" * 7919) % 16)) AS v FROM "Measurements" WHERE "AnswersJson" = '') m;
            ANALYZE;
            """;
        await db.Database.ExecuteSqlRawAsync(sql);
        return new Seeded(teams, serviceCount, clinicians * (long)weeks);
    }
}

/// <summary>The number SQLite stores for a moment: the app's own converter.</summary>
internal static class HearthDbContextMoments
{
    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter Converter = new();

    public static long ToNumber(DateTimeOffset moment) => (long)Converter.ConvertToProvider(moment)!;
}
