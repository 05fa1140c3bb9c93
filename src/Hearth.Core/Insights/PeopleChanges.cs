using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Insights;

/// <summary>
/// One row whose <see cref="Version"/> the database raises whenever a person is added or removed, changes team,
/// profession, site or status, or a team is added, removed, renamed or moved. Database triggers raise it (see
/// the PeopleChanges migrations), so every way of changing people counts: the app's services, Identity, an
/// import, a script. A dashboard question reads this one number and reads the 100,000 people again only when it
/// has moved since the last question.
/// </summary>
public sealed class PeopleChanges
{
    public const int SingleId = 1;

    public int Id { get; set; }
    public long Version { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<PeopleChanges>(e =>
    {
        e.Property(c => c.Id).ValueGeneratedNever();
        e.HasData(new PeopleChanges { Id = SingleId, Version = 0 });
    });

    /// <summary>
    /// The triggers, in PostgreSQL's dialect: once per statement for rows added or removed (an import of thousands
    /// counts once); for updates, once per row whose grouping really changed. Identity rewrites every column of a
    /// user it updates (a failed sign-in, say), and those must neither make the dashboards read everyone again nor
    /// queue on the counter's row.
    /// </summary>
    internal const string PostgresTriggers = """
        CREATE FUNCTION hearth_people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE "PeopleChanges" SET "Version" = "Version" + 1 WHERE "Id" = 1;
            RETURN NULL;
        END $$;
        CREATE TRIGGER people_changed_insert_delete AFTER INSERT OR DELETE ON "AspNetUsers" FOR EACH STATEMENT EXECUTE FUNCTION hearth_people_changed();
        CREATE TRIGGER people_changed_update AFTER UPDATE OF "TeamId", "Profession", "Site", "Active" ON "AspNetUsers" FOR EACH ROW
            WHEN (OLD."TeamId" IS DISTINCT FROM NEW."TeamId" OR OLD."Profession" IS DISTINCT FROM NEW."Profession"
                OR OLD."Site" IS DISTINCT FROM NEW."Site" OR OLD."Active" IS DISTINCT FROM NEW."Active")
            EXECUTE FUNCTION hearth_people_changed();
        CREATE TRIGGER teams_changed AFTER INSERT OR DELETE ON "Teams" FOR EACH STATEMENT EXECUTE FUNCTION hearth_people_changed();
        CREATE TRIGGER teams_changed_update AFTER UPDATE OF "Name", "ParentId" ON "Teams" FOR EACH ROW
            WHEN (OLD."Name" IS DISTINCT FROM NEW."Name" OR OLD."ParentId" IS DISTINCT FROM NEW."ParentId")
            EXECUTE FUNCTION hearth_people_changed();
        """;

    internal const string PostgresDropTriggers = """
        DROP TRIGGER people_changed_insert_delete ON "AspNetUsers";
        DROP TRIGGER people_changed_update ON "AspNetUsers";
        DROP TRIGGER teams_changed ON "Teams";
        DROP TRIGGER teams_changed_update ON "Teams";
        DROP FUNCTION hearth_people_changed();
        """;

    /// <summary>The triggers in SQLite's dialect (row-level: SQLite has no statement-level triggers), updates counted only when the grouping really changed.</summary>
    internal static readonly string[] SqliteTriggers =
    [
        """CREATE TRIGGER people_changed_insert AFTER INSERT ON "AspNetUsers" BEGIN UPDATE "PeopleChanges" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;""",
        """CREATE TRIGGER people_changed_delete AFTER DELETE ON "AspNetUsers" BEGIN UPDATE "PeopleChanges" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;""",
        """
        CREATE TRIGGER people_changed_update AFTER UPDATE OF "TeamId", "Profession", "Site", "Active" ON "AspNetUsers"
        WHEN OLD."TeamId" IS NOT NEW."TeamId" OR OLD."Profession" IS NOT NEW."Profession" OR OLD."Site" IS NOT NEW."Site" OR OLD."Active" IS NOT NEW."Active"
        BEGIN UPDATE "PeopleChanges" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
        """,
        """CREATE TRIGGER teams_changed_insert AFTER INSERT ON "Teams" BEGIN UPDATE "PeopleChanges" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;""",
        """CREATE TRIGGER teams_changed_delete AFTER DELETE ON "Teams" BEGIN UPDATE "PeopleChanges" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;""",
        """
        CREATE TRIGGER teams_changed_update AFTER UPDATE OF "Name", "ParentId" ON "Teams"
        WHEN OLD."Name" IS NOT NEW."Name" OR OLD."ParentId" IS NOT NEW."ParentId"
        BEGIN UPDATE "PeopleChanges" SET "Version" = "Version" + 1 WHERE "Id" = 1; END;
        """,
    ];

    internal static readonly string[] SqliteDropTriggers =
        ["people_changed_insert", "people_changed_delete", "people_changed_update", "teams_changed_insert", "teams_changed_delete", "teams_changed_update"];
}
