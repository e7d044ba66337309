using Microsoft.EntityFrameworkCore.Migrations;

namespace DistrictTraining.Core.Data.Migrations;

/// <summary>
/// PostgreSQL's narrow copy of the trainees' search keys (ADR-015): a table of ("Id", "SearchKey") with its own
/// pg_trgm GIN index, so that the exact count of a common name ("dang": 5% of a million people) reads 48 MB that can
/// stay in shared buffers instead of rechecking the LIKE over the wide Trainees table (210 MB at 1,000,000 people).
/// Filled from the rows already there, and kept in step by triggers on Trainees, so that every writer (EF saves,
/// BatchInserter's multi-row INSERTs, imports, merges, raw ExecuteDelete, the bench's COPY) updates it in the same
/// transaction without knowing it exists. Hand-written SQL outside the EF model, like SQLite's FTS5 table
/// (<see cref="TraineeSearchIndexSql"/>): only PostgreSQL has it, and nothing but the triggers writes it.
/// Called by one line in Up and one in Down of the PostgreSQL migration TraineeSearchKeys; does nothing elsewhere.
/// </summary>
/// <remarks>
/// Inserts and deletes are statement triggers over the transition tables (one INSERT … SELECT for a COPY or a
/// 5,000-row INSERT, not 5,000 calls); an update is a row trigger limited to changes of "Id" or "SearchKey",
/// so that saving a trainee's other fields costs nothing. The trigger's column list makes PostgreSQL refuse to
/// change the type of Trainees."SearchKey" while it exists: a later migration that changes that column must call
/// <see cref="Down"/> before and <see cref="Up"/> after (the copy then gets the new type; TraineeSearchIndexTests
/// checks that both columns have the same type).
/// </remarks>
public static class TraineeSearchKeysSql
{
    /// <summary>The narrow table's name.</summary>
    public const string Table = "TraineeSearchKeys";

    /// <summary>Its trigram index.</summary>
    public const string TrigramIndex = "IX_TraineeSearchKeys_SearchKey_Trigram";

    /// <summary>Store type of Trainees."SearchKey" on PostgreSQL (<c>HasMaxLength(200)</c>), repeated for the copy.</summary>
    public const string SearchKeyType = "character varying(200)";

    private const string Function = "Trainees_" + Table;

    public static void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (!IsPostgreSql(migrationBuilder))
        {
            return;
        }

        Down(migrationBuilder);
        // Filled before the key and the index are built: one sort each instead of a million insertions.
        migrationBuilder.Sql($"""CREATE TABLE "{Table}" ("Id" integer NOT NULL, "SearchKey" {SearchKeyType} NOT NULL);""");
        migrationBuilder.Sql($"""INSERT INTO "{Table}" ("Id", "SearchKey") SELECT "Id", "SearchKey" FROM "Trainees";""");
        migrationBuilder.Sql($"""ALTER TABLE "{Table}" ADD CONSTRAINT "PK_{Table}" PRIMARY KEY ("Id");""");
        migrationBuilder.Sql($"""CREATE INDEX "{TrigramIndex}" ON "{Table}" USING gin ("SearchKey" gin_trgm_ops);""");
        // The planner's statistics now, not at autovacuum's next pass: the count is planned from them.
        migrationBuilder.Sql($"""ANALYZE "{Table}";""");

        Trigger("Insert", "AFTER INSERT ON \"Trainees\" REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT", $"""
            INSERT INTO "{Table}" ("Id", "SearchKey") SELECT "Id", "SearchKey" FROM inserted;
            RETURN NULL;
            """);
        Trigger("Delete", "AFTER DELETE ON \"Trainees\" REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT", $"""
            DELETE FROM "{Table}" AS k USING deleted AS d WHERE k."Id" = d."Id";
            RETURN NULL;
            """);
        Trigger("Update", """
            AFTER UPDATE OF "Id", "SearchKey" ON "Trainees" FOR EACH ROW
            WHEN (OLD."Id" IS DISTINCT FROM NEW."Id" OR OLD."SearchKey" IS DISTINCT FROM NEW."SearchKey")
            """, $"""
            UPDATE "{Table}" SET "Id" = NEW."Id", "SearchKey" = NEW."SearchKey" WHERE "Id" = OLD."Id";
            RETURN NULL;
            """);
        Trigger("Truncate", "AFTER TRUNCATE ON \"Trainees\" FOR EACH STATEMENT", $"""
            TRUNCATE "{Table}";
            RETURN NULL;
            """);

        void Trigger(string suffix, string when, string body)
        {
            var name = $"{Function}_{suffix}";
            migrationBuilder.Sql($$"""
                CREATE FUNCTION "{{name}}"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                {{body}}
                END $$;
                """);
            migrationBuilder.Sql($"""CREATE TRIGGER "{name}" {when} EXECUTE FUNCTION "{name}"();""");
        }
    }

    public static void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (!IsPostgreSql(migrationBuilder))
        {
            return;
        }

        foreach (var suffix in new[] { "Insert", "Delete", "Update", "Truncate" })
        {
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{Function}_{suffix}" ON "Trainees";""");
            migrationBuilder.Sql($"""DROP FUNCTION IF EXISTS "{Function}_{suffix}"();""");
        }

        migrationBuilder.Sql($"""DROP TABLE IF EXISTS "{Table}";""");
    }

    private static bool IsPostgreSql(MigrationBuilder migrationBuilder) =>
        (migrationBuilder.ActiveProvider ?? "").Contains("Npgsql", StringComparison.Ordinal);
}
