using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Import;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Import;

public class RosterImportServiceTests
{
    private static byte[] Sample() => File.ReadAllBytes(RosterTestSupport.SamplePath("danh-sach-hoc-vien-cat-hanh.xlsx"));

    private static RosterImportService Service(AppDbContext db, TestDatabase database, int centreId, string user = "u1") =>
        new(db, new FixedUserScope(centreId, UserId: user), TimeProvider.System);

    private static Task<ImportPreview> PreviewAsync(RosterImportService service, int classId, byte[] bytes) =>
        service.PreviewAsync(classId, new MemoryStream(bytes), bytes.Length, "danh-sach.xlsx");

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_sample_list_previews_then_commits_its_25_trainees(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var service = Service(db, database, c.CentreId);

        var preview = await PreviewAsync(service, c.Id, Sample());
        Assert.Equal(25, preview.Rows.Count);
        Assert.Equal(25, preview.Count(ImportRowKind.New));
        Assert.False(await db.Trainees.AnyAsync(), "A preview must write nothing.");

        var outcome = await service.ConfirmAsync(c.Id, preview.Token, []);
        Assert.Equal(new ImportOutcome(25, 25, 0, 0), outcome);

        await using var check = database.CreateContext();
        var roster = (await new RosterService(check, new FixedUserScope(c.CentreId), TimeProvider.System).GetAsync(c.Id))!;
        Assert.Equal(25, roster.Active.Count);
        Assert.Equal("Hoàng Đức An", roster.Active[0].FullName);
        // An < Ánh < Ân: â is a letter of its own, a tone is not.
        Assert.Equal("Huỳnh Ngọc Ánh", roster.Active[1].FullName);
        Assert.Equal("Phan Thị Ân", roster.Active[2].FullName);
        // The confirmed upload is kept only as the report of its skipped rows: it can be neither previewed nor confirmed again.
        Assert.All(await db.PendingUploads.ToListAsync(), u => Assert.NotNull(u.ConfirmedAt));
        Assert.Null(await service.ReloadAsync(c.Id, preview.Token));

        // The same list again: into this class everyone is already there; into another class everyone is known.
        var again = await PreviewAsync(service, c.Id, Sample());
        Assert.Equal(25, again.Count(ImportRowKind.AlreadyEnrolled));
        var other = await TestData.ClassAsync(check, c.CentreId, number: 2);
        var intoOther = await PreviewAsync(Service(check, database, c.CentreId), other.Id, Sample());
        Assert.Equal(25, intoOther.Count(ImportRowKind.PossibleMatch) + intoOther.Count(ImportRowKind.Existing));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_possible_match_waits_for_a_decision_and_nothing_is_written_before(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var hanh = await TestData.UnitAsync(db, "Xã Cát Hanh");
        var hiep = await TestData.UnitAsync(db, "Xã Cát Hiệp");
        var known = await TestData.TraineeAsync(db, "Nguyễn", "Văn", "An", unitId: hanh.Id);
        known.DateOfBirth = new DateOnly(1990, 3, 5);
        var withId = await TestData.TraineeAsync(db, "Trần", "Thị", "Bích", cccd: "052190001234");
        var cuc = await TestData.TraineeAsync(db, "Lê", "Thị", "Cúc", unitId: hanh.Id);
        cuc.DateOfBirth = new DateOnly(1980, 1, 1);
        await db.SaveChangesAsync();

        var file = XlsxBuilder.FromGrid(
            ["DANH SÁCH HỌC VIÊN"],
            ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Đơn vị"],
            [1, "Nguyễn Văn An", "05/03/1990", "Nam", null, "Cát Hiệp"],
            [2, "Lê Thị Cúc", "01/01/1980", "Nữ", null, "Xã Cát Hanh"],
            [3, "Trần Thị Bích", "1990", "Nữ", "052 190 001 234", "Cát Hanh"],
            [4, "Lê Văn Mới", "31/02/1990", "Nam", null, null],
            [5, "Phạm Thị Hoa", "1/2/1995", "Nữ", null, "=HYPERLINK(\"http://x\")"]);
        var service = Service(db, database, c.CentreId);
        var preview = await PreviewAsync(service, c.Id, file);
        var rows = preview.Rows.ToDictionary(r => r.RowNumber);
        Assert.Equal(ImportRowKind.PossibleMatch, rows[3].Kind);
        Assert.Equal(known.Id, Assert.Single(rows[3].Candidates).TraineeId);
        Assert.Equal(ImportRowKind.Existing, rows[4].Kind);
        Assert.Equal(cuc.Id, rows[4].TraineeId);
        Assert.Equal(ImportRowKind.Existing, rows[5].Kind);
        Assert.Equal(withId.Id, rows[5].TraineeId);
        Assert.Equal(ImportRowKind.Error, rows[6].Kind);
        Assert.Contains(rows[6].Errors, e => e.Contains("31/02/1990", StringComparison.Ordinal));
        Assert.Equal(ImportRowKind.New, rows[7].Kind);
        Assert.Equal([new UnknownUnit("=HYPERLINK(\"http://x\")", 1)], preview.UnknownUnits);

        var refused = await Assert.ThrowsAsync<DomainException>(() => service.ConfirmAsync(c.Id, preview.Token, []));
        Assert.Contains("Còn 1 dòng cần xác nhận", refused.Message);
        Assert.Equal(0, await db.Enrolments.CountAsync());
        Assert.Equal(3, await db.Trainees.CountAsync());

        var outcome = await service.ConfirmAsync(c.Id, preview.Token, [new ImportDecision(3, null, CreateNew: true)]);
        Assert.Equal(2, outcome.Created); // row 3 as a new person, row 7
        await using var check = database.CreateContext();
        Assert.Equal(5, await check.Trainees.CountAsync());
        // Row 3 became a second Nguyễn Văn An; rows 4 and 5 matched the stored people.
        Assert.Equal(4, await check.Enrolments.CountAsync(e => e.ClassId == c.Id));
        var hoa = await check.Trainees.SingleAsync(t => t.GivenName == "Hoa");
        Assert.Null(hoa.UnitId);
        var audit = await check.AuditEntries.Where(a => a.EntityType == "Enrolment").Select(a => a.Action).ToListAsync();
        Assert.True(audit.Count(a => a == Core.Auditing.AuditAction.Created) == 4, string.Join(",", audit));
        _ = hiep;
    }

    [Fact]
    public async Task Cancelling_writes_nothing_and_forgets_the_file()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var service = Service(db, database, c.CentreId);
        var preview = await PreviewAsync(service, c.Id, Sample());
        await service.CancelAsync(c.Id, preview.Token);
        Assert.Empty(await db.PendingUploads.ToListAsync());
        var gone = await Assert.ThrowsAsync<DomainException>(() => service.ConfirmAsync(c.Id, preview.Token, []));
        Assert.Contains("hết hạn", gone.Message);
        Assert.False(await db.Trainees.AnyAsync());
    }

    [Fact]
    public async Task Another_user_cannot_confirm_someone_elses_preview()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var preview = await PreviewAsync(Service(db, database, c.CentreId, "u1"), c.Id, Sample());
        await Assert.ThrowsAsync<DomainException>(() => Service(db, database, c.CentreId, "u2").ConfirmAsync(c.Id, preview.Token, []));
        Assert.False(await db.Enrolments.AnyAsync());
    }

    [Theory]
    [InlineData("not a workbook at all")]
    [InlineData("")]
    public async Task A_broken_file_is_refused_in_Vietnamese_and_nothing_is_kept(string content)
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var bytes = System.Text.Encoding.UTF8.GetBytes(content);
        var ex = await Assert.ThrowsAsync<DomainException>(() => PreviewAsync(Service(db, database, c.CentreId), c.Id, bytes));
        Assert.Matches("[Tt]ệp", ex.Message);
        Assert.False(await db.PendingUploads.AnyAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Someone_adding_the_same_people_between_preview_and_confirm_is_not_a_duplicate(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var service = Service(db, database, c.CentreId);
        var preview = await PreviewAsync(service, c.Id, Sample());

        // Meanwhile a colleague imports the same list into the same class.
        await using (var colleague = database.CreateContext())
        {
            var theirs = Service(colleague, database, c.CentreId, "u2");
            var p = await PreviewAsync(theirs, c.Id, Sample());
            await theirs.ConfirmAsync(c.Id, p.Token, []);
        }

        var outcome = await service.ConfirmAsync(c.Id, preview.Token, []);
        Assert.Equal(0, outcome.Created + outcome.Enrolled);
        Assert.Equal(25, outcome.Skipped);
        await using var check = database.CreateContext();
        Assert.Equal(25, await check.Trainees.CountAsync());
        Assert.Equal(25, await check.Enrolments.CountAsync());
    }

    [Fact]
    public void The_template_is_a_list_the_reader_understands()
    {
        using var template = RosterImportService.Template();
        using var copy = new MemoryStream();
        template.Stream.CopyTo(copy);
        var result = RosterTestSupport.ReadOk(copy.ToArray());
        var row = Assert.Single(result.Rows);
        Assert.Equal(("Nguyễn", "Văn", "An"), (row.FamilyName, row.MiddleName, row.GivenName));
        Assert.Equal(new DateOnly(1990, 3, 5), row.DateOfBirth!.Value.Date);
        Assert.Equal("052090001234", row.Cccd);
        Assert.Equal("Xã Cát Hanh", row.UnitName);
        Assert.Equal(Sex.Male, row.Sex);
    }
}
