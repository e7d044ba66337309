using System.Data.Common;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Data.Migrations;
using DistrictTraining.Core.Import;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Import;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DistrictTraining.Tests.Trainees;

/// <summary>
/// The name index (ADR-015: pg_trgm on PostgreSQL, an FTS5 trigram table on SQLite) changes how the rows are
/// found, never which rows or in what order: the registry search, its pages and counts and the look-up answer
/// exactly what the plain <c>SearchKey.Contains</c> query answers without any index; and the SQLite index and
/// PostgreSQL's narrow copy of the keys (TraineeSearchKeys, which answers the count) follow every way a trainee is written.
/// </summary>
public class TraineeSearchIndexTests
{
    private static readonly IUserScope Staff = new FixedUserScope(CentreId: null);

    private static readonly string[] Families =
        ["Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Đỗ", "Đinh", "Đoàn", "Dương", "Vũ", "Võ", "Tôn Nữ", "Âu Dương", "Niê", "Ksor", "Lò"];

    private static readonly string[] Middles = ["Văn", "Thị", "Thị", "Đức", "Kim", "Ngọc", "Thị Ánh", "Đăng", "Hữu", "Văn Minh", ""];

    private static readonly string[] Givens =
        ["An", "Ân", "Ánh", "Anh", "Yến", "Yên", "Đăng", "Dũng", "Đức", "Hà", "Hạ", "H'Hen", "Y Ngông", "Bình", "Nguyên", "Vân", "Văn", "Thị", "Đan", "Dan", "Ly", "Lý"];

    // Long and short keys, with and without diacritics and spaces, common and rare, none matching, and
    // characters that mean something to LIKE (%, _ and its escape character \\) or to the FTS5 query syntax.
    private static readonly string[] Texts =
    [
        "nguyen van an", "NGUYỄN  văn AN", "dang", "Đặng", "ĐỖ", "đô", "tran kim yen", "thi anh", "van an", "n v", "yen", "y ngong",
        "h'hen", "an", "Ân", "d", "đ", "ng", "xyzq", "thi", "nguyen", "a_n", "100%", "\"an\"", "an*", "ton nu", "au duong ", "kim yen",
        "an_b", "an\\bi", "n\\", "0%",
    ];

    // Given names that hold LIKE's own characters, so that an unescaped or wrongly escaped pattern would find other rows.
    private static readonly string[] Unusual = ["An_Bình", "An\\Bình", "Anh\\", "100%", "Xuân_An"];

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_indexed_search_pages_counts_and_look_up_equal_the_plain_Contains_query(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int unitId;
        await using (var db = database.CreateContext())
        {
            var unit = new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune };
            db.OrganisationUnits.Add(unit);
            var random = new Random(14);
            for (var i = 0; i < 3000; i++)
            {
                var middle = Middles[random.Next(Middles.Length)];
                db.Trainees.Add(new Trainee
                {
                    FamilyName = Families[random.Next(Families.Length)],
                    MiddleName = middle.Length == 0 ? null : middle,
                    GivenName = Givens[random.Next(Givens.Length)],
                    Unit = i % 7 == 0 ? unit : null,
                });
            }

            foreach (var given in Unusual)
            {
                db.Trainees.Add(new Trainee { FamilyName = "Lê", GivenName = given });
            }

            await db.SaveChangesAsync();
            unitId = unit.Id;
        }

        var commands = new CommandLog();
        await using var indexed = database.CreateContext(commands);
        await using var plain = database.CreateContext();
        if (provider == Provider.PostgreSQL)
        {
            // Make the indexed side take the trigram index wherever it can, and the plain side read the table.
            // Fresh rows wait in the GIN index's pending list, which the planner costs as a full read: flush it as autovacuum would.
            await SetAsync(indexed, $"""
                SELECT gin_clean_pending_list('"{PostgreSqlAppDbContext.TraineeSearchKeyTrigramIndex}"'::regclass);
                SELECT gin_clean_pending_list('"{TraineeSearchKeysSql.TrigramIndex}"'::regclass);
                ANALYZE "Trainees"; ANALYZE "{TraineeSearchKeysSql.Table}"; SET enable_seqscan = off
                """);
            await SetAsync(plain, "SET enable_bitmapscan = off; SET enable_indexscan = off");
            var plan = await ExplainAsync(indexed, "SELECT count(*) FROM \"Trainees\" WHERE \"SearchKey\" LIKE '%nguyen van an%'");
            Assert.True(plan.Contains(PostgreSqlAppDbContext.TraineeSearchKeyTrigramIndex, StringComparison.Ordinal), plan);
            var countPlan = await ExplainAsync(indexed, $"SELECT count(*) FROM \"{TraineeSearchKeysSql.Table}\" WHERE \"SearchKey\" LIKE '%nguyen van an%'");
            Assert.True(countPlan.Contains(TraineeSearchKeysSql.TrigramIndex, StringComparison.Ordinal), countPlan);
        }

        var service = new TraineeService(indexed, Staff, TimeProvider.System);
        var liaison = new TraineeService(indexed, new FixedUserScope(CentreId: null, UnitId: unitId), TimeProvider.System);
        var manyHits = 0;
        foreach (var text in Texts)
        {
            var key = VietnameseText.SearchKey(text);
            var expected = await plain.Trainees.AsNoTracking().Where(t => t.SearchKey.Contains(key))
                .OrderBy(t => t.SortKey).ThenBy(t => t.Id).Select(t => t.Id).ToListAsync();
            manyHits = Math.Max(manyHits, expected.Count);
            var pages = Math.Max(1, (expected.Count + TraineeSearch.PageSize - 1) / TraineeSearch.PageSize);
            // The count alone, as the search page asks for it: from the index's copy of the keys, or none under three characters.
            Assert.Equal(key.Length >= TraineeNameSearch.MinimumIndexedLength ? expected.Count : null, await TraineeNameSearch.CountAsync(indexed, key, default));
            foreach (var page in new[] { 1, 2, pages / 2, pages, pages + 1 }.Where(p => p >= 1).Distinct())
            {
                commands.Clear();
                var found = await service.SearchAsync(new(text, Page: page));
                var shown = Math.Min(page, pages);
                Assert.Equal(expected.Count, found.TotalCount);
                Assert.Equal(shown, found.Page);
                Assert.Equal(expected.Skip((shown - 1) * TraineeSearch.PageSize).Take(TraineeSearch.PageSize), found.Items.Select(i => i.Id));
                if (provider == Provider.Sqlite)
                {
                    Assert.Equal(key.Length >= 3, commands.Texts.Any(c => c.Contains("MATCH", StringComparison.Ordinal)));
                }
                else
                {
                    Assert.Equal(key.Length >= 3, commands.Texts.Any(c => c.Contains(TraineeSearchKeysSql.Table, StringComparison.Ordinal)));
                }
            }

            var ofUnit = await plain.Trainees.AsNoTracking().Where(t => t.UnitId == unitId && t.SearchKey.Contains(key))
                .OrderBy(t => t.SortKey).ThenBy(t => t.Id).Select(t => t.Id).Take(TraineeSearch.PageSize).ToListAsync();
            Assert.Equal(ofUnit, (await liaison.SearchAsync(new(text))).Items.Select(i => i.Id));

            foreach (var take in new[] { 1, 10, 50 })
            {
                var expectedLookup = await plain.Trainees.AsNoTracking().Where(t => t.SearchKey.Contains(key))
                    .OrderBy(t => t.SearchKey.StartsWith(key) ? 0 : 1).ThenBy(t => t.SortKey).ThenBy(t => t.Id)
                    .Select(t => t.Id).Take(take).ToListAsync();
                Assert.Equal(expectedLookup, (await service.LookupAsync(text, take)).Select(i => i.Id));
            }
        }

        Assert.True(manyHits > 1000, $"The most common text matched only {manyHits} people: the data does not test many hits.");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_index_follows_create_edit_merge_delete_and_import(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using (var db = database.CreateContext())
        {
            var service = new TraineeService(db, Staff, TimeProvider.System);
            var id = (await service.CreateAsync(Input("Đặng", "Thị", "Quỳnh"), confirmedDistinct: true)).Saved!.Id;
            await AssertFoundAsync(database, "dang thi quynh", [id]);
            await AssertInStepAsync(database, provider);

            var form = (await service.GetForEditAsync(id))!;
            await service.UpdateAsync(id, form.Input with { GivenName = "Xuyến" }, form.Version, form.HistoryMark);
            await AssertFoundAsync(database, "dang thi quynh", []);
            await AssertFoundAsync(database, "thi xuyen", [id]);
            await AssertInStepAsync(database, provider);

            // An edit saved over another one (three-way merge after a conflict) renames the person again.
            var opened = (await service.GetForEditAsync(id))!;
            await using (var other = database.CreateContext())
            {
                var theirs = new TraineeService(other, Staff, TimeProvider.System);
                var form2 = (await theirs.GetForEditAsync(id))!;
                await theirs.UpdateAsync(id, form2.Input with { Position = "Bí thư chi bộ" }, form2.Version, form2.HistoryMark);
            }

            var mine = opened.Input with { MiddleName = "Ngọc" };
            var conflict = await Assert.ThrowsAsync<TraineeEditConflictException>(() => service.UpdateAsync(id, mine, opened.Version, opened.HistoryMark, opened.Input));
            await service.UpdateAsync(id, mine, conflict.CurrentVersion, conflict.HistoryMark, opened.Input);
            await AssertFoundAsync(database, "thi xuyen", []);
            await AssertFoundAsync(database, "dang ngoc xuyen", [id]);
            await AssertInStepAsync(database, provider);

            // Deleted through EF and through plain SQL.
            var second = (await service.CreateAsync(Input("Lò", "Văn", "Quỳnh"), confirmedDistinct: true)).Saved!.Id;
            var third = (await service.CreateAsync(Input("Lò", "Thị", "Quỳnh"), confirmedDistinct: true)).Saved!.Id;
            await AssertFoundAsync(database, "quynh", [third, second]);
            db.Trainees.Remove(await db.Trainees.SingleAsync(t => t.Id == second));
            await db.SaveChangesAsync();
            await AssertInStepAsync(database, provider);
            await db.Trainees.Where(t => t.Id == id).ExecuteDeleteAsync();
            await AssertFoundAsync(database, "quynh", [third]);
            await AssertFoundAsync(database, "xuyen", []);
            await AssertInStepAsync(database, provider);

            // A key and an id changed by plain SQL, as a data fix would.
            await db.Trainees.Where(t => t.Id == third).ExecuteUpdateAsync(u => u.SetProperty(t => t.SearchKey, "lo thi quyen"));
            await AssertFoundAsync(database, "thi quyen", [third]);
            await db.Database.ExecuteSqlAsync($"UPDATE \"Trainees\" SET \"Id\" = {third + 1_000_000} WHERE \"Id\" = {third}");
            await AssertFoundAsync(database, "thi quyen", [third + 1_000_000]);
            await AssertInStepAsync(database, provider);
        }

        // 1,200 people in two multi-row INSERTs (the bulk writer of imports), in one transaction.
        await using (var db = database.CreateContext())
        {
            var people = Enumerable.Range(0, 1200)
                .Select(i => new Trainee { FamilyName = "Vi", MiddleName = "Thị", GivenName = i % 2 == 0 ? "Loan" : "Lan" }).ToList();
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                var inserter = new BatchInserter(db);
                await inserter.InsertAsync(people, default);
                await inserter.WriteAuditAsync(default);
                await transaction.CommitAsync();
            }

            Assert.Equal(600, (await new TraineeService(db, Staff, TimeProvider.System).SearchAsync(new("vi thi loan"))).TotalCount);
            await AssertInStepAsync(database, provider);
        }

        // The sample roster's 25 new people, written by the import.
        await using (var db = database.CreateContext())
        {
            var c = await TestData.ClassAsync(db);
            var import = new RosterImportService(db, new FixedUserScope(c.CentreId, UserId: "u1"), TimeProvider.System);
            var bytes = await File.ReadAllBytesAsync(RosterTestSupport.SamplePath("danh-sach-hoc-vien-cat-hanh.xlsx"));
            var preview = await import.PreviewAsync(c.Id, new MemoryStream(bytes), bytes.Length, "danh-sach.xlsx");
            Assert.Equal(25, (await import.ConfirmAsync(c.Id, preview.Token, [])).Created);
        }

        await using (var db = database.CreateContext())
        {
            var imported = await db.Trainees.AsNoTracking().Where(t => t.FullName == "Hoàng Đức An").Select(t => t.Id).ToListAsync();
            Assert.Single(imported);
            await AssertFoundAsync(database, "hoang duc an", imported);
            await AssertInStepAsync(database, provider);
            foreach (var key in await db.Trainees.AsNoTracking().Select(t => t.SearchKey).ToListAsync())
            {
                var expected = await db.Trainees.AsNoTracking().Where(t => t.SearchKey.Contains(key)).CountAsync();
                Assert.Equal(expected, (await new TraineeService(db, Staff, TimeProvider.System).SearchAsync(new(key))).TotalCount);
            }
        }

        if (provider == Provider.Sqlite)
        {
            await using var db = database.CreateContext();
            // FTS5's own check that the index holds exactly what the Trainees table holds (it fails with "database disk image is malformed").
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO \"{TraineeSearchIndexSql.Table}\"(\"{TraineeSearchIndexSql.Table}\", rank) VALUES ('integrity-check', 1)");
            var indexed = await db.Database.SqlQueryRaw<int>($"SELECT count(*) AS \"Value\" FROM \"{TraineeSearchIndexSql.Table}_docsize\"").SingleAsync();
            Assert.Equal(await db.Trainees.CountAsync(), indexed);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_database_migrated_with_trainees_already_in_it_indexes_them(Provider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync("20261205000008_SubmissionTokens");
            db.Trainees.Add(new Trainee { FamilyName = "Trần", MiddleName = "Kim", GivenName = "Yến" });
            await db.SaveChangesAsync();
            await db.Database.MigrateAsync();
        }

        await AssertFoundAsync(database, "tran kim yen", [1]);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(1, await TraineeNameSearch.CountAsync(db, "tran kim yen", default));
        }

        await AssertInStepAsync(database, provider);
    }

    /// <summary>
    /// The index holds exactly what Trainees holds: on PostgreSQL the narrow copy's (Id, SearchKey) rows equal the
    /// trainees' and its key column has the same type; on SQLite FTS5's own integrity check against Trainees.
    /// </summary>
    private static async Task AssertInStepAsync(TestDatabase database, Provider provider)
    {
        await using var db = database.CreateContext();
        if (provider == Provider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO \"{TraineeSearchIndexSql.Table}\"(\"{TraineeSearchIndexSql.Table}\", rank) VALUES ('integrity-check', 1)");
            return;
        }

        var trainees = await db.Trainees.AsNoTracking().OrderBy(t => t.Id).Select(t => new KeyRow(t.Id, t.SearchKey)).ToListAsync();
        var copied = await db.Database
            .SqlQueryRaw<KeyRow>($"SELECT \"Id\", \"SearchKey\" FROM \"{TraineeSearchKeysSql.Table}\" ORDER BY \"Id\"").ToListAsync();
        Assert.NotEmpty(trainees);
        Assert.Equal(trainees, copied);
        var types = await db.Database.SqlQueryRaw<string>($"""
            SELECT format_type(a.atttypid, a.atttypmod) AS "Value" FROM pg_attribute AS a
            WHERE a.attname = 'SearchKey' AND a.attrelid IN ('"Trainees"'::regclass, '"{TraineeSearchKeysSql.Table}"'::regclass)
            """).ToListAsync();
        Assert.Equal([TraineeSearchKeysSql.SearchKeyType, TraineeSearchKeysSql.SearchKeyType], types);
    }

    private sealed record KeyRow(int Id, string SearchKey);

    private static async Task AssertFoundAsync(TestDatabase database, string text, IReadOnlyList<int> ids)
    {
        await using var db = database.CreateContext();
        var service = new TraineeService(db, Staff, TimeProvider.System);
        Assert.Equal(ids, (await service.SearchAsync(new(text))).Items.Select(i => i.Id));
        Assert.Equal(ids.Take(10), (await service.LookupAsync(text)).Select(i => i.Id));
    }

    private static TraineeInput Input(string family, string middle, string given) =>
        new() { FamilyName = family, MiddleName = middle, GivenName = given, Birth = "1990" };

    private static async Task SetAsync(AppDbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync(); // kept open by the context, so the setting holds for its queries
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<string> ExplainAsync(AppDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN " + sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("\n", lines);
    }

    private sealed class CommandLog : DbCommandInterceptor
    {
        public List<string> Texts { get; } = [];

        public void Clear() => Texts.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
