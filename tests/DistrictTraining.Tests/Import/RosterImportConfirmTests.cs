using System.Data.Common;
using System.Globalization;
using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Import;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit.Abstractions;

namespace DistrictTraining.Tests.Import;

/// <summary>
/// Issue 14: a confirmed import writes its people, enrolments and audit lines in a few statements whatever the list's
/// length, all of it or nothing, and stores every value exactly as a save through the change tracker does.
/// </summary>
public class RosterImportConfirmTests(ITestOutputHelper output)
{
    private static RosterImportService Service(AppDbContext db, int centreId) => new(db, new FixedUserScope(centreId, UserId: "u1"), TimeProvider.System);

    private static string CccdOf(int i, bool male, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"001{(male ? 0 : 1)}{year % 100:00}{i:000000}");

    /// <summary>
    /// A list of <paramref name="rows"/> rows: every third row a stored person (same name and CCCD as <see cref="StoredAsync"/> made),
    /// rows 1, 11, 31, 41… (every tenth not already a stored person) an impossible date, the rest new people.
    /// </summary>
    private static byte[] List(int rows, int offset)
    {
        var grid = new List<object?[]> { new object?[] { "DANH SÁCH HỌC VIÊN" }, new object?[] { "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Đơn vị" } };
        string[] given = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Khánh", "Linh", "Minh", "Ngọc"];
        for (var i = 1; i <= rows; i++)
        {
            var n = offset + i;
            var male = n % 2 == 0;
            var year = 1960 + (n % 40);
            if (i % 3 == 0)
            {
                grid.Add([i, $"Trần Văn {given[n % 10]}", $"01/01/{year}", male ? "Nam" : "Nữ", CccdOf(n, male, year), "Xã Cát Hanh"]);
            }
            else if (i % 10 == 1)
            {
                grid.Add([i, $"Phạm Thị {given[n % 10]}", $"31/02/{year}", male ? "Nam" : "Nữ", null, "Xã Cát Hanh"]);
            }
            else
            {
                grid.Add([i, $"Lê Hữu {given[n % 10]} {given[(n / 10) % 10]}", $"{1 + (n % 28):00}/{1 + (n % 12):00}/{year}", male ? "Nam" : "Nữ", CccdOf(n, male, year), "Xã Cát Hanh"]);
            }
        }

        return XlsxBuilder.FromGrid([.. grid]);
    }

    /// <summary>The people the lists' every third row names, as stored trainees.</summary>
    private static async Task StoredAsync(AppDbContext db, int rows, int offset, int unitId)
    {
        string[] given = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Khánh", "Linh", "Minh", "Ngọc"];
        for (var i = 3; i <= rows; i += 3)
        {
            var n = offset + i;
            var male = n % 2 == 0;
            var year = 1960 + (n % 40);
            db.Trainees.Add(new Trainee
            {
                FamilyName = "Trần", MiddleName = "Văn", GivenName = given[n % 10], Cccd = CccdOf(n, male, year), UnitId = unitId,
                DateOfBirth = new DateOnly(year, 1, 1), Sex = male ? Sex.Male : Sex.Female,
            });
        }

        await db.SaveChangesAsync();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Confirming_300_rows_takes_no_more_round_trips_than_confirming_30(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var unit = await TestData.UnitAsync(db, "Xã Cát Hanh");
        var small = await TestData.ClassAsync(db);
        var large = await TestData.ClassAsync(db, small.CentreId, number: 2);
        await StoredAsync(db, 30, 0, unit.Id);
        await StoredAsync(db, 300, 1000, unit.Id);

        // One stored person of each list was on the roster and withdrawn: the import takes them back.
        var withdrawnSmall = await db.Trainees.Where(t => t.Cccd == CccdOf(3, false, 1963)).SingleAsync();
        var withdrawnLarge = await db.Trainees.Where(t => t.Cccd == CccdOf(1003, false, 1963)).SingleAsync();
        foreach (var (classId, traineeId) in new[] { (small.Id, withdrawnSmall.Id), (large.Id, withdrawnLarge.Id) })
        {
            var enrolment = new Enrolment { ClassId = classId, TraineeId = traineeId, EnrolledAt = DateTime.UtcNow };
            enrolment.Withdraw("Chuyển lớp", DateTime.UtcNow);
            db.Enrolments.Add(enrolment);
        }

        await db.SaveChangesAsync();

        async Task<(int Commands, ImportOutcome Outcome)> ConfirmAsync(int classId, int rows, int offset)
        {
            var preview = await Service(db, small.CentreId).PreviewAsync(classId, new MemoryStream(List(rows, offset)), List(rows, offset).Length, "ds.xlsx");
            Assert.Equal(0, preview.Count(ImportRowKind.PossibleMatch));
            var counter = new CommandCounter();
            await using var counted = database.CreateContext(counter);
            var outcome = await Service(counted, small.CentreId).ConfirmAsync(classId, preview.Token, []);
            return (counter.Count, outcome);
        }

        var (few, fewOutcome) = await ConfirmAsync(small.Id, 30, 0);
        var (many, manyOutcome) = await ConfirmAsync(large.Id, 300, 1000);

        Assert.Equal(new ImportOutcome(Created: 18, Enrolled: 27, Reinstated: 1, Skipped: 2), fewOutcome);
        Assert.Equal(new ImportOutcome(Created: 180, Enrolled: 279, Reinstated: 1, Skipped: 20), manyOutcome);
        output.WriteLine($"{provider}: {few} commands to confirm 30 rows, {many} to confirm 300");
        Assert.True(many <= few, $"{few} commands for 30 rows, {many} for 300");
        Assert.True(many <= 20, $"{many} commands for 300 rows");

        await using var check = database.CreateContext();
        Assert.Equal(280, await check.Enrolments.CountAsync(e => e.ClassId == large.Id && e.Status == EnrolmentStatus.Active));
        Assert.Equal(28, await check.Enrolments.CountAsync(e => e.ClassId == small.Id && e.Status == EnrolmentStatus.Active));
        Assert.Equal(110 + 198, await check.Trainees.CountAsync());

        // Every created person and enrolment has its audit line, by the confirming user, naming the stored row.
        var created = await check.Trainees.Where(t => t.FamilyName == "Lê").Select(t => t.Id.ToString()).ToListAsync();
        var enrolments = await check.Enrolments.Where(e => e.Status == EnrolmentStatus.Active).Select(e => e.Id.ToString()).ToListAsync();
        var audit = await check.AuditEntries.Where(a => a.Action == AuditAction.Created && (a.EntityType == "Trainee" || a.EntityType == "Enrolment")).ToListAsync();
        Assert.Equal(created.Order(), audit.Where(a => a.EntityType == "Trainee" && created.Contains(a.EntityId)).Select(a => a.EntityId).Order());
        Assert.Equal(enrolments.Order(), audit.Where(a => a.EntityType == "Enrolment" && enrolments.Contains(a.EntityId)).Select(a => a.EntityId).Order());
        Assert.All(audit.Where(a => created.Contains(a.EntityId) && a.EntityType == "Trainee"), a => Assert.Equal("system", a.UserName));
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.EntityType == "Enrolment" && a.Action == AuditAction.Updated));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_failure_half_way_writes_nothing_and_the_same_confirmation_then_succeeds_once(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var unit = await TestData.UnitAsync(db, "Xã Cát Hanh");
        var c = await TestData.ClassAsync(db);
        await StoredAsync(db, 60, 0, unit.Id);
        var bytes = List(60, 0);
        var preview = await Service(db, c.CentreId).PreviewAsync(c.Id, new MemoryStream(bytes), bytes.Length, "ds.xlsx");
        var auditBefore = await db.AuditEntries.CountAsync();

        // The new people are written, then the database fails on the enrolments.
        await using (var failing = database.CreateContext(new FailOn("INSERT INTO \"Enrolments\"")))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => Service(failing, c.CentreId).ConfirmAsync(c.Id, preview.Token, []));
        }

        await using (var check = database.CreateContext())
        {
            Assert.Equal(20, await check.Trainees.CountAsync());
            Assert.Equal(0, await check.Enrolments.CountAsync());
            Assert.Equal(auditBefore, await check.AuditEntries.CountAsync());
            Assert.Null((await check.PendingUploads.SingleAsync()).ConfirmedAt);
        }

        await using (var again = database.CreateContext())
        {
            var outcome = await Service(again, c.CentreId).ConfirmAsync(c.Id, preview.Token, []);
            Assert.Equal(new ImportOutcome(Created: 36, Enrolled: 56, Reinstated: 0, Skipped: 4), outcome);
        }

        // A second confirmation of the same preview (another tab, another node) is refused and writes nothing.
        await using (var twice = database.CreateContext())
        {
            await Assert.ThrowsAsync<DomainException>(() => Service(twice, c.CentreId).ConfirmAsync(c.Id, preview.Token, []));
        }

        await using var final = database.CreateContext();
        Assert.Equal(56, await final.Enrolments.CountAsync());
        Assert.Equal(56, await final.Trainees.CountAsync());
        Assert.Equal(auditBefore + 36 + 56, await final.AuditEntries.CountAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Batched_rows_and_their_audit_lines_are_stored_exactly_as_a_save_stores_them(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext(new FixedUser());
        var unit = await TestData.UnitAsync(db, "Xã Cát Hanh");
        var c = await TestData.ClassAsync(db);
        Trainee Person(string cccd) => new()
        {
            FamilyName = "Nguyễn", MiddleName = "Thị Ngọc", GivenName = "Ánh", Sex = Sex.Female, DateOfBirth = new DateOnly(1990, 3, 5), BirthYearOnly = false,
            Cccd = cccd, Ethnicity = "Kinh", Religion = "Không", Education = "12/12", Qualification = "Đại học", Position = "Bí thư Chi đoàn", UnitId = unit.Id,
            PartyStatus = PartyStatus.FullMember, PartyJoinDate = new DateOnly(2015, 5, 19), PartyOfficialDate = new DateOnly(2016, 5, 19),
            TheoryLevel = TheoryLevel.Intermediate, CommitteeRole = CommitteeRole.CommitteeMember, Phone = "0912 345 678", Note = "Ghi chú \"có ngoặc\" và dấu ' nháy",
        };

        var saved = Person("001190001234");
        db.Trainees.Add(saved);
        await db.SaveChangesAsync();
        db.Enrolments.Add(new Enrolment { ClassId = c.Id, TraineeId = saved.Id, UnitId = unit.Id, EnrolledAt = new DateTime(2026, 3, 2, 1, 2, 3, DateTimeKind.Utc) });
        await db.SaveChangesAsync();

        var batched = Person("001190005678");
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var inserter = new BatchInserter(db);
            await inserter.InsertAsync([batched], default);
            await inserter.InsertAsync([new Enrolment { ClassId = c.Id, TraineeId = batched.Id, UnitId = unit.Id, EnrolledAt = new DateTime(2026, 3, 2, 1, 2, 3, DateTimeKind.Utc) }], default);
            await inserter.WriteAuditAsync(default);
            await transaction.CommitAsync();
        }

        // The same columns with the same values in the same storage types, but for the key, CCCD, version and timestamps.
        var rows = await RawRowsAsync(db, "Trainees", saved.Id, batched.Id);
        Assert.Equal(Without(rows[0], "Id", "Cccd", "Version", "CreatedAt", "UpdatedAt"), Without(rows[1], "Id", "Cccd", "Version", "CreatedAt", "UpdatedAt"));
        Assert.Equal(rows[0]["CreatedAt"].Type, rows[1]["CreatedAt"].Type);
        Assert.Equal(rows[0]["Version"].Type, rows[1]["Version"].Type);
        var enrolments = await db.Enrolments.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        var enrolmentRows = await RawRowsAsync(db, "Enrolments", enrolments[0], enrolments[1]);
        Assert.Equal(Without(enrolmentRows[0], "Id", "TraineeId", "Version"), Without(enrolmentRows[1], "Id", "TraineeId", "Version"));

        // Read back through EF: the same entity.
        await using var check = database.CreateContext();
        var read = await check.Trainees.AsNoTracking().SingleAsync(t => t.Id == batched.Id);
        Assert.Equal(("Nguyễn Thị Ngọc Ánh", batched.SearchKey, batched.SortKey, batched.Version), (read.FullName, read.SearchKey, read.SortKey, read.Version));
        Assert.True(Math.Abs((read.CreatedAt - batched.CreatedAt).TotalMilliseconds) < 1, $"{read.CreatedAt:O} against {batched.CreatedAt:O}");

        // The audit lines: who, what, and the same changes but for the CCCD and the ids.
        var audit = await check.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Created && (a.EntityType == "Trainee" || a.EntityType == "Enrolment"))
            .OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([$"Trainee {saved.Id}", $"Enrolment {enrolments[0]}", $"Trainee {batched.Id}", $"Enrolment {enrolments[1]}"], audit.Select(a => $"{a.EntityType} {a.EntityId}"));
        Assert.All(audit, a => Assert.Equal(("u-7", "canbo"), (a.UserId, a.UserName)));
        Assert.Equal(audit[0].Changes.Replace("001190001234", "X", StringComparison.Ordinal), audit[2].Changes.Replace("001190005678", "X", StringComparison.Ordinal));
        Assert.Equal(audit[1].Changes.Replace($"\"TraineeId\":{saved.Id}", "T", StringComparison.Ordinal), audit[3].Changes.Replace($"\"TraineeId\":{batched.Id}", "T", StringComparison.Ordinal));
        Assert.Contains("\"Note\":\"Ghi ch\\u00FA", audit[2].Changes, StringComparison.Ordinal);
    }

    /// <summary>Each column's stored value and, on SQLite, its storage class, for two rows of a table.</summary>
    private static async Task<List<Dictionary<string, (string? Type, string? Value)>>> RawRowsAsync(AppDbContext db, string table, int first, int second)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"Id\" IN ({first}, {second}) ORDER BY \"Id\"";
        var rows = new List<Dictionary<string, (string?, string?)>>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, (string?, string?)>();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i)
                        ? (null, null)
                        : (db.Database.IsSqlite() ? ((Microsoft.Data.Sqlite.SqliteDataReader)reader).GetDataTypeName(i) : reader.GetFieldType(i).Name,
                            Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                }

                rows.Add(row);
            }
        }

        Assert.Equal(2, rows.Count);
        return rows;
    }

    private static Dictionary<string, (string? Type, string? Value)> Without(Dictionary<string, (string? Type, string? Value)> row, params string[] columns) =>
        row.Where(c => !columns.Contains(c.Key)).ToDictionary();

    private sealed class FixedUser : ICurrentUser
    {
        public string? UserId => "u-7";

        public string? UserName => "canbo";
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    /// <summary>The database failing on the first command that starts with <paramref name="prefix"/>.</summary>
    private sealed class FailOn(string prefix) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            command.CommandText.StartsWith(prefix, StringComparison.Ordinal)
                ? throw new InvalidOperationException("The database went away.")
                : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
