using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DistrictTraining.Core.Data.Migrations;

/// <summary>
/// The triggers that keep ClassTallies in step with Enrolments and AssessmentResults, and CertificateTallies
/// with Certificates, on every database,
/// whatever writes them (EF, set-based imports, the bench generator), and the tallies of the rows already
/// there (ADR-016). Called by one line at the end of the migration's Up and one at the start of its Down.
/// </summary>
/// <remarks>
/// Each change adds a signed delta to the row (ClassId, ResultKind, GradeName): an active enrolment counts
/// in the state of its result (0 none, 1 completion open, 2 not completed, 3 completed; grade '' for none),
/// so withdrawing, reinstating, moving or deleting an enrolment, and recording, changing or deleting a
/// result, each moves one count from one row to another.
/// </remarks>
public static class ReportTallySql
{
    public static void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var provider = migrationBuilder.ActiveProvider ?? "";
        if (provider.Contains("Sqlite", StringComparison.Ordinal))
        {
            SqliteUp(migrationBuilder);
        }
        else if (provider.Contains("Npgsql", StringComparison.Ordinal))
        {
            PostgreSqlUp(migrationBuilder);
        }
        else if (provider.Contains("SqlServer", StringComparison.Ordinal))
        {
            SqlServerUp(migrationBuilder);
        }
        else
        {
            throw new NotSupportedException($"No ClassTallies triggers for {provider}.");
        }
    }

    public static void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var provider = migrationBuilder.ActiveProvider ?? "";
        if (provider.Contains("Sqlite", StringComparison.Ordinal))
        {
            foreach (var name in new[] { Enrolments, Results, Certificates })
            {
                foreach (var suffix in new[] { "Insert", "Update", "Delete" })
                {
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{name}_{suffix}\";");
                }
            }
        }
        else if (provider.Contains("Npgsql", StringComparison.Ordinal))
        {
            foreach (var (name, table) in new[] { (Enrolments, "Enrolments"), (Results, "AssessmentResults"), (Certificates, "Certificates") })
            {
                foreach (var suffix in new[] { "Insert", "Update", "Delete" })
                {
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"{name}_{suffix}\" ON \"{table}\";");
                    migrationBuilder.Sql($"DROP FUNCTION IF EXISTS \"{name}_{suffix}\"();");
                }
            }
        }
        else if (provider.Contains("SqlServer", StringComparison.Ordinal))
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS [{Enrolments}];");
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS [{Results}];");
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS [{Certificates}];");
        }
    }

    private const string Enrolments = Reports.ClassTally.EnrolmentsTrigger;
    private const string Results = Reports.ClassTally.ResultsTrigger;
    private const string Certificates = Reports.CertificateTally.CertificatesTrigger;

    private const string CertificateColumns = "\"IssueDate\", \"ClassId\", \"CentreId\", \"Year\", \"Status\", \"Reissue\"";

    /// <summary>The certificate tallies of the certificates already there.</summary>
    private static string CertificateBackfill(string reissue) => $"""
        INSERT INTO "CertificateTallies" ({CertificateColumns}, "Certificates")
        SELECT c."IssueDate", e."ClassId", c."CentreId", c."Year", c."Status", {reissue}, COUNT(*)
        FROM "Certificates" AS c JOIN "Enrolments" AS e ON e."Id" = c."EnrolmentId"
        GROUP BY c."IssueDate", e."ClassId", c."CentreId", c."Year", c."Status", {reissue};
        """;

    // ------------------------------------------------------------------ SQLite (row triggers, UPSERT)

    private static void SqliteUp(MigrationBuilder m)
    {
        // "WHERE true" before ON CONFLICT: SQLite's parser needs it after an INSERT ... SELECT.
        static string Add(string classId, string kind, string grade, int delta, string from = "", string where = "true") =>
            $"""
            INSERT INTO "ClassTallies" ("ClassId", "ResultKind", "GradeName", "Trainees")
            SELECT {classId}, {kind}, {grade}, {delta} {from} WHERE {where}
            ON CONFLICT ("ClassId", "ResultKind", "GradeName") DO UPDATE SET "Trainees" = "Trainees" + excluded."Trainees";
            """;
        static string KindOf(string id) =>
            $"""COALESCE((SELECT CASE WHEN r."Completed" IS NULL THEN 1 WHEN r."Completed" = 0 THEN 2 ELSE 3 END FROM "AssessmentResults" AS r WHERE r."EnrolmentId" = {id}), 0)""";
        static string GradeOf(string id) =>
            $"""COALESCE((SELECT r."GradeName" FROM "AssessmentResults" AS r WHERE r."EnrolmentId" = {id}), '')""";
        static string Kind(string row) => $"""CASE WHEN {row}."Completed" IS NULL THEN 1 WHEN {row}."Completed" = 0 THEN 2 ELSE 3 END""";

        m.Sql($"""
            CREATE TRIGGER "{Enrolments}_Insert" AFTER INSERT ON "Enrolments" WHEN NEW."Status" = 1
            BEGIN
            {Add("NEW.\"ClassId\"", KindOf("NEW.\"Id\""), GradeOf("NEW.\"Id\""), 1)}
            END;
            """);
        m.Sql($"""
            CREATE TRIGGER "{Enrolments}_Delete" AFTER DELETE ON "Enrolments" WHEN OLD."Status" = 1
            BEGIN
            {Add("OLD.\"ClassId\"", KindOf("OLD.\"Id\""), GradeOf("OLD.\"Id\""), -1)}
            END;
            """);
        m.Sql($"""
            CREATE TRIGGER "{Enrolments}_Update" AFTER UPDATE OF "Status", "ClassId" ON "Enrolments"
            BEGIN
            {Add("OLD.\"ClassId\"", KindOf("OLD.\"Id\""), GradeOf("OLD.\"Id\""), -1, where: "OLD.\"Status\" = 1")}
            {Add("NEW.\"ClassId\"", KindOf("NEW.\"Id\""), GradeOf("NEW.\"Id\""), 1, where: "NEW.\"Status\" = 1")}
            END;
            """);

        const string FromEnrolments = """FROM "Enrolments" AS e""";
        static string IsActive(string row) => $"""e."Id" = {row}."EnrolmentId" AND e."Status" = 1""";
        m.Sql($"""
            CREATE TRIGGER "{Results}_Insert" AFTER INSERT ON "AssessmentResults"
            BEGIN
            {Add("e.\"ClassId\"", "0", "''", -1, FromEnrolments, IsActive("NEW"))}
            {Add("e.\"ClassId\"", Kind("NEW"), "COALESCE(NEW.\"GradeName\", '')", 1, FromEnrolments, IsActive("NEW"))}
            END;
            """);
        m.Sql($"""
            CREATE TRIGGER "{Results}_Delete" AFTER DELETE ON "AssessmentResults"
            BEGIN
            {Add("e.\"ClassId\"", Kind("OLD"), "COALESCE(OLD.\"GradeName\", '')", -1, FromEnrolments, IsActive("OLD"))}
            {Add("e.\"ClassId\"", "0", "''", 1, FromEnrolments, IsActive("OLD"))}
            END;
            """);
        m.Sql($"""
            CREATE TRIGGER "{Results}_Update" AFTER UPDATE OF "GradeName", "Completed", "EnrolmentId" ON "AssessmentResults"
            BEGIN
            {Add("e.\"ClassId\"", Kind("OLD"), "COALESCE(OLD.\"GradeName\", '')", -1, FromEnrolments, IsActive("OLD"))}
            {Add("e.\"ClassId\"", "0", "''", 1, FromEnrolments, IsActive("OLD"))}
            {Add("e.\"ClassId\"", "0", "''", -1, FromEnrolments, IsActive("NEW"))}
            {Add("e.\"ClassId\"", Kind("NEW"), "COALESCE(NEW.\"GradeName\", '')", 1, FromEnrolments, IsActive("NEW"))}
            END;
            """);
        m.Sql(Backfill("""CASE WHEN r."Id" IS NULL THEN 0 WHEN r."Completed" IS NULL THEN 1 WHEN r."Completed" = 0 THEN 2 ELSE 3 END"""));

        static string Count(string row, int delta) => $"""
            INSERT INTO "CertificateTallies" ({CertificateColumns}, "Certificates")
            SELECT {row}."IssueDate", e."ClassId", {row}."CentreId", {row}."Year", {row}."Status", {row}."ReplacesCertificateId" IS NOT NULL, {delta}
            FROM "Enrolments" AS e WHERE e."Id" = {row}."EnrolmentId"
            ON CONFLICT ({CertificateColumns}) DO UPDATE SET "Certificates" = "Certificates" + excluded."Certificates";
            """;
        m.Sql($"""
            CREATE TRIGGER "{Certificates}_Insert" AFTER INSERT ON "Certificates"
            BEGIN
            {Count("NEW", 1)}
            END;
            """);
        m.Sql($"""
            CREATE TRIGGER "{Certificates}_Delete" AFTER DELETE ON "Certificates"
            BEGIN
            {Count("OLD", -1)}
            END;
            """);
        m.Sql($"""
            CREATE TRIGGER "{Certificates}_Update" AFTER UPDATE OF "IssueDate", "EnrolmentId", "CentreId", "Year", "Status", "ReplacesCertificateId" ON "Certificates"
            BEGIN
            {Count("OLD", -1)}
            {Count("NEW", 1)}
            END;
            """);
        m.Sql(CertificateBackfill("""c."ReplacesCertificateId" IS NOT NULL"""));
    }

    /// <summary>The tallies of the enrolments already there (the triggers see only what comes after).</summary>
    private static string Backfill(string kind) => $"""
        INSERT INTO "ClassTallies" ("ClassId", "ResultKind", "GradeName", "Trainees")
        SELECT e."ClassId", {kind}, COALESCE(r."GradeName", ''), COUNT(*)
        FROM "Enrolments" AS e LEFT JOIN "AssessmentResults" AS r ON r."EnrolmentId" = e."Id"
        WHERE e."Status" = 1
        GROUP BY e."ClassId", {kind}, COALESCE(r."GradeName", '');
        """;

    // ------------------------------------------------------------------ PostgreSQL (statement triggers, transition tables)

    private static void PostgreSqlUp(MigrationBuilder m)
    {
        // Statement triggers over the transition tables: a statement that writes 5,000 enrolments of one class
        // makes one upsert per tally row, not 5,000 updates of the same row (each a new row version to walk past).
        const string ClassKeys = "\"ClassId\", \"ResultKind\", \"GradeName\"";
        const string Kind = """CASE WHEN {0}."Completed" IS NULL THEN 1 WHEN NOT {0}."Completed" THEN 2 ELSE 3 END""";
        string EnrolmentDeltas(string rows, int sign) => $"""
            SELECT x."ClassId", CASE WHEN r."Id" IS NULL THEN 0 ELSE {string.Format(CultureInfo.InvariantCulture, Kind, "r")} END AS "ResultKind",
                COALESCE(r."GradeName", '') AS "GradeName", {sign} AS "Delta"
            FROM {rows} AS x LEFT JOIN "AssessmentResults" AS r ON r."EnrolmentId" = x."Id" WHERE x."Status" = 1
            """;
        string ResultDeltas(string rows, int sign) => $"""
            SELECT e."ClassId", {string.Format(CultureInfo.InvariantCulture, Kind, "x")} AS "ResultKind", COALESCE(x."GradeName", '') AS "GradeName", {sign} AS "Delta"
            FROM {rows} AS x JOIN "Enrolments" AS e ON e."Id" = x."EnrolmentId" AND e."Status" = 1
            UNION ALL
            SELECT e."ClassId", 0, '', {-sign} FROM {rows} AS x JOIN "Enrolments" AS e ON e."Id" = x."EnrolmentId" AND e."Status" = 1
            """;
        static string Upsert(string table, string keys, string count, string deltas) => $"""
            INSERT INTO "{table}" ({keys}, "{count}")
            SELECT {keys}, SUM(d."Delta") FROM ({deltas}) AS d GROUP BY {keys} HAVING SUM(d."Delta") <> 0
            ON CONFLICT ({keys}) DO UPDATE SET "{count}" = "{table}"."{count}" + EXCLUDED."{count}";
            """;
        void Trigger(string name, string table, string operation, string body)
        {
            var referencing = operation switch
            {
                "INSERT" => "NEW TABLE AS inserted",
                "DELETE" => "OLD TABLE AS deleted",
                _ => "OLD TABLE AS deleted NEW TABLE AS inserted",
            };
            var function = $"{name}_{operation[0]}{operation[1..].ToLowerInvariant()}";
            m.Sql($$"""
                CREATE FUNCTION "{{function}}"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                {{body}}
                RETURN NULL;
                END $$;
                """);
            m.Sql($"""
                CREATE TRIGGER "{function}" AFTER {operation} ON "{table}" REFERENCING {referencing}
                FOR EACH STATEMENT EXECUTE FUNCTION "{function}"();
                """);
        }

        Trigger(Enrolments, "Enrolments", "INSERT", Upsert("ClassTallies", ClassKeys, "Trainees", EnrolmentDeltas("inserted", 1)));
        Trigger(Enrolments, "Enrolments", "DELETE", Upsert("ClassTallies", ClassKeys, "Trainees", EnrolmentDeltas("deleted", -1)));
        Trigger(Enrolments, "Enrolments", "UPDATE", Upsert("ClassTallies", ClassKeys, "Trainees",
            EnrolmentDeltas("deleted", -1) + " UNION ALL " + EnrolmentDeltas("inserted", 1)));
        Trigger(Results, "AssessmentResults", "INSERT", Upsert("ClassTallies", ClassKeys, "Trainees", ResultDeltas("inserted", 1)));
        Trigger(Results, "AssessmentResults", "DELETE", Upsert("ClassTallies", ClassKeys, "Trainees", ResultDeltas("deleted", -1)));
        Trigger(Results, "AssessmentResults", "UPDATE", Upsert("ClassTallies", ClassKeys, "Trainees",
            ResultDeltas("deleted", -1) + " UNION ALL " + ResultDeltas("inserted", 1)));
        m.Sql(Backfill("""CASE WHEN r."Id" IS NULL THEN 0 WHEN r."Completed" IS NULL THEN 1 WHEN NOT r."Completed" THEN 2 ELSE 3 END"""));

        static string CertificateDeltas(string rows, int sign) => $"""
            SELECT x."IssueDate", e."ClassId", x."CentreId", x."Year", x."Status", x."ReplacesCertificateId" IS NOT NULL AS "Reissue", {sign} AS "Delta"
            FROM {rows} AS x JOIN "Enrolments" AS e ON e."Id" = x."EnrolmentId"
            """;
        Trigger(Certificates, "Certificates", "INSERT", Upsert("CertificateTallies", CertificateColumns, "Certificates", CertificateDeltas("inserted", 1)));
        Trigger(Certificates, "Certificates", "DELETE", Upsert("CertificateTallies", CertificateColumns, "Certificates", CertificateDeltas("deleted", -1)));
        Trigger(Certificates, "Certificates", "UPDATE", Upsert("CertificateTallies", CertificateColumns, "Certificates",
            CertificateDeltas("deleted", -1) + " UNION ALL " + CertificateDeltas("inserted", 1)));
        m.Sql(CertificateBackfill("""c."ReplacesCertificateId" IS NOT NULL"""));
    }

    // ------------------------------------------------------------------ SQL Server (statement triggers, MERGE)

    private static void SqlServerUp(MigrationBuilder m)
    {
        // CREATE TRIGGER must open its batch, and EF's idempotent script wraps each statement in IF ... BEGIN ... END:
        // run through EXEC, the trigger is a batch of its own either way.
        static string Exec(string sql) => $"EXEC(N'{sql.Replace("'", "''", StringComparison.Ordinal)}');";

        // A statement trigger sees every changed row in inserted/deleted: the deltas are summed per row of
        // ClassTallies and merged once. An update that moves nothing sums to zero.
        const string Merge = """
            MERGE "ClassTallies" WITH (HOLDLOCK) AS t
            USING (SELECT "ClassId", "ResultKind", "GradeName", SUM("Delta") AS "Delta" FROM @deltas GROUP BY "ClassId", "ResultKind", "GradeName") AS d
            ON t."ClassId" = d."ClassId" AND t."ResultKind" = d."ResultKind" AND t."GradeName" = d."GradeName"
            WHEN MATCHED THEN UPDATE SET "Trainees" = t."Trainees" + d."Delta"
            WHEN NOT MATCHED THEN INSERT ("ClassId", "ResultKind", "GradeName", "Trainees") VALUES (d."ClassId", d."ResultKind", d."GradeName", d."Delta");
            """;
        const string Deltas = """DECLARE @deltas TABLE ("ClassId" int NOT NULL, "ResultKind" int NOT NULL, "GradeName" nvarchar(50) NOT NULL, "Delta" int NOT NULL);""";
        static string Kind(string row) => $"""CASE WHEN {row}."Completed" IS NULL THEN 1 WHEN {row}."Completed" = 0 THEN 2 ELSE 3 END""";
        m.Sql(Exec($"""
            CREATE TRIGGER "{Enrolments}" ON "Enrolments" AFTER INSERT, UPDATE, DELETE AS
            BEGIN
                SET NOCOUNT ON;
                {Deltas}
                INSERT INTO @deltas
                SELECT x."ClassId", CASE WHEN r."Id" IS NULL THEN 0 ELSE {Kind("r")} END, COALESCE(r."GradeName", N''), x."Delta"
                FROM (SELECT "Id", "ClassId", -1 AS "Delta" FROM deleted WHERE "Status" = 1
                      UNION ALL SELECT "Id", "ClassId", 1 FROM inserted WHERE "Status" = 1) AS x
                LEFT JOIN "AssessmentResults" AS r ON r."EnrolmentId" = x."Id";
                {Merge}
            END;
            """));
        m.Sql(Exec($"""
            CREATE TRIGGER "{Results}" ON "AssessmentResults" AFTER INSERT, UPDATE, DELETE AS
            BEGIN
                SET NOCOUNT ON;
                {Deltas}
                INSERT INTO @deltas
                SELECT e."ClassId", {Kind("d")}, COALESCE(d."GradeName", N''), -1 FROM deleted AS d JOIN "Enrolments" AS e ON e."Id" = d."EnrolmentId" AND e."Status" = 1
                UNION ALL SELECT e."ClassId", 0, N'', 1 FROM deleted AS d JOIN "Enrolments" AS e ON e."Id" = d."EnrolmentId" AND e."Status" = 1
                UNION ALL SELECT e."ClassId", 0, N'', -1 FROM inserted AS i JOIN "Enrolments" AS e ON e."Id" = i."EnrolmentId" AND e."Status" = 1
                UNION ALL SELECT e."ClassId", {Kind("i")}, COALESCE(i."GradeName", N''), 1 FROM inserted AS i JOIN "Enrolments" AS e ON e."Id" = i."EnrolmentId" AND e."Status" = 1;
                {Merge}
            END;
            """));
        m.Sql(Backfill("""CASE WHEN r."Id" IS NULL THEN 0 WHEN r."Completed" IS NULL THEN 1 WHEN r."Completed" = 0 THEN 2 ELSE 3 END"""));

        const string Reissue = """CAST(CASE WHEN x."ReplacesCertificateId" IS NULL THEN 0 ELSE 1 END AS bit)""";
        m.Sql(Exec($"""
            CREATE TRIGGER "{Certificates}" ON "Certificates" AFTER INSERT, UPDATE, DELETE AS
            BEGIN
                SET NOCOUNT ON;
                MERGE "CertificateTallies" WITH (HOLDLOCK) AS t
                USING (SELECT x."IssueDate", e."ClassId", x."CentreId", x."Year", x."Status", {Reissue} AS "Reissue", SUM(x."Delta") AS "Delta"
                       FROM (SELECT "IssueDate", "EnrolmentId", "CentreId", "Year", "Status", "ReplacesCertificateId", -1 AS "Delta" FROM deleted
                             UNION ALL SELECT "IssueDate", "EnrolmentId", "CentreId", "Year", "Status", "ReplacesCertificateId", 1 FROM inserted) AS x
                       JOIN "Enrolments" AS e ON e."Id" = x."EnrolmentId"
                       GROUP BY x."IssueDate", e."ClassId", x."CentreId", x."Year", x."Status", {Reissue}) AS d
                ON t."IssueDate" = d."IssueDate" AND t."ClassId" = d."ClassId" AND t."CentreId" = d."CentreId" AND t."Year" = d."Year"
                    AND t."Status" = d."Status" AND t."Reissue" = d."Reissue"
                WHEN MATCHED THEN UPDATE SET "Certificates" = t."Certificates" + d."Delta"
                WHEN NOT MATCHED THEN INSERT ({CertificateColumns}, "Certificates")
                    VALUES (d."IssueDate", d."ClassId", d."CentreId", d."Year", d."Status", d."Reissue", d."Delta");
            END;
            """));
        m.Sql(CertificateBackfill("""CAST(CASE WHEN c."ReplacesCertificateId" IS NULL THEN 0 ELSE 1 END AS bit)"""));
    }
}
