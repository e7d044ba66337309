using Microsoft.EntityFrameworkCore.Migrations;

namespace DistrictTraining.Core.Data.Migrations;

/// <summary>
/// The SQLite half of the trainee name index (ADR-015), which EF Core cannot model: an FTS5 table with the
/// trigram tokenizer, case-sensitive so that a match is exactly "contains", over <c>Trainees.SearchKey</c> (external content: it stores only the index, the text
/// stays in Trainees), filled from the rows already there and kept in step by triggers, so that every
/// writer (EF saves, the bulk writers, imports, merges, deletes) updates it in the same transaction.
/// PostgreSQL's half (pg_trgm GIN index) is in the model (<see cref="PostgreSqlAppDbContext"/>); SQL Server has none.
/// Called by one line in the SQLite migration TraineeSearchIndex. A later SQLite migration that rebuilds the
/// Trainees table (EF does so for some column changes) drops the triggers: it must call <see cref="Up"/> again
/// after the rebuild (TraineeSearchIndexTests fails until it does).
/// </summary>
public static class TraineeSearchIndexSql
{
    /// <summary>The FTS5 table's name; its shadow tables start with it too.</summary>
    public const string Table = "TraineeSearch";

    public static void Up(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsSqlite())
        {
            return;
        }

        Down(migrationBuilder);
        migrationBuilder.Sql($"""
            CREATE VIRTUAL TABLE "{Table}" USING fts5("SearchKey", content='Trainees', content_rowid='Id', tokenize='trigram case_sensitive 1');
            """);
        migrationBuilder.Sql($"""INSERT INTO "{Table}"("{Table}") VALUES ('rebuild');""");
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Trainees_{Table}_Insert" AFTER INSERT ON "Trainees" BEGIN
                INSERT INTO "{Table}"(rowid, "SearchKey") VALUES (new."Id", new."SearchKey");
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Trainees_{Table}_Delete" AFTER DELETE ON "Trainees" BEGIN
                INSERT INTO "{Table}"("{Table}", rowid, "SearchKey") VALUES ('delete', old."Id", old."SearchKey");
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "Trainees_{Table}_Update" AFTER UPDATE OF "Id", "SearchKey" ON "Trainees" BEGIN
                INSERT INTO "{Table}"("{Table}", rowid, "SearchKey") VALUES ('delete', old."Id", old."SearchKey");
                INSERT INTO "{Table}"(rowid, "SearchKey") VALUES (new."Id", new."SearchKey");
            END;
            """);
    }

    public static void Down(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsSqlite())
        {
            return;
        }

        migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "Trainees_{Table}_Insert";""");
        migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "Trainees_{Table}_Delete";""");
        migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "Trainees_{Table}_Update";""");
        migrationBuilder.Sql($"""DROP TABLE IF EXISTS "{Table}";""");
    }
}
