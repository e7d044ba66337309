using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Cadres;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Import;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Reports;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Excel;
using DistrictTraining.Tests.Infrastructure;
using DistrictTraining.Tests.Organisation;
using DistrictTraining.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Cadres;

/// <summary>The register of people sent to higher-level training: the form's rules, the level promotion, the import, the report.</summary>
public class CadreTrainingTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 12, 20, 3, 0, 0, TimeSpan.Zero));

    private sealed record World(int CentreId, int OtherCentreId, int CommuneA, int CommuneB, int An, int Binh, int Chi);

    private static async Task<World> SeedAsync(AppDbContext db)
    {
        var centre = new TrainingCentre { Name = "Trung tâm Chính trị Phù Cát" };
        var other = new TrainingCentre { Name = "Trung tâm Chính trị Tây Sơn" };
        var a = new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune };
        var b = new OrganisationUnit { Name = "Xã Cát Tài", Kind = UnitKind.Commune };
        db.AddRange(centre, other, a, b);
        await db.SaveChangesAsync();
        db.CentreServedUnits.AddRange(new CentreServedUnit { CentreId = centre.Id, UnitId = a.Id }, new CentreServedUnit { CentreId = centre.Id, UnitId = b.Id });
        var an = new Trainee { FamilyName = "Nguyễn", MiddleName = "Văn", GivenName = "An", UnitId = a.Id, Cccd = "052085000123", DateOfBirth = new DateOnly(1985, 3, 4), TheoryLevel = TheoryLevel.Elementary, CommitteeRole = CommitteeRole.CommitteeMember };
        var binh = new Trainee { FamilyName = "Trần", MiddleName = "Thị", GivenName = "Bình", UnitId = a.Id, DateOfBirth = new DateOnly(1990, 7, 1), TheoryLevel = TheoryLevel.Advanced };
        var chi = new Trainee { FamilyName = "Lê", MiddleName = "Văn", GivenName = "Chí", UnitId = b.Id, DateOfBirth = new DateOnly(1979, 1, 9) };
        db.Trainees.AddRange(an, binh, chi);
        await db.SaveChangesAsync();
        return new World(centre.Id, other.Id, a.Id, b.Id, an.Id, binh.Id, chi.Id);
    }

    private static CadreTrainingService Staff(AppDbContext db, int centreId) => new(db, new FixedUserScope(centreId, UserId: "giaovu"), Clock);

    private static ExternalTrainingInput Course(int traineeId, TheoryLevel level, DateOnly start, DateOnly? end = null, TrainingOutcome outcome = TrainingOutcome.Studying) =>
        new(null, traineeId, level, "Trường Chính trị tỉnh Bình Định", start, end, "125-QĐ/HU", start.AddDays(-20), outcome, null);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Completing_a_course_raises_the_level_once_with_an_audit_line_and_never_lowers_it(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext(new NamedUser("giaovu"));
        var w = await SeedAsync(db);
        var service = Staff(db, w.CentreId);

        // Sent to trung cấp: studying, the level (sơ cấp) stays.
        var (id, raised) = await service.SaveAsync(Course(w.An, TheoryLevel.Intermediate, new DateOnly(2024, 9, 5)));
        Assert.False(raised);
        Assert.Equal(TheoryLevel.Elementary, await LevelAsync(db, w.An));

        // Completed: trung cấp, and the trainee's change is in the audit trail beside the course's.
        var form = (await service.GetAsync(id))!;
        (_, raised) = await service.SaveAsync(form with { EndDate = new DateOnly(2025, 6, 30), Outcome = TrainingOutcome.Completed });
        Assert.True(raised);
        Assert.Equal(TheoryLevel.Intermediate, await LevelAsync(db, w.An));
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Trainee) && e.EntityId == w.An.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Action == AuditAction.Updated)
            .ToListAsync();
        var line = Assert.Single(audit);
        Assert.Equal("giaovu", line.UserName);
        Assert.Contains("\"TheoryLevel\":[1,2]", line.Changes, StringComparison.Ordinal);

        // Bình holds cao cấp already: completing trung cấp leaves her at cao cấp, and writes nothing about her.
        (_, raised) = await service.SaveAsync(Course(w.Binh, TheoryLevel.Intermediate, new DateOnly(2023, 9, 1), new DateOnly(2024, 6, 1), TrainingOutcome.Completed));
        Assert.False(raised);
        Assert.Equal(TheoryLevel.Advanced, await LevelAsync(db, w.Binh));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(Trainee) && e.Action == AuditAction.Updated && e.EntityId != w.An.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // Setting An's course back to "not completed" does not lower him (his level may have been set by hand since).
        form = (await service.GetAsync(id))!;
        await service.SaveAsync(form with { Outcome = TrainingOutcome.NotCompleted });
        Assert.Equal(TheoryLevel.Intermediate, await LevelAsync(db, w.An));

        var register = (await service.RegisterAsync(w.An))!;
        Assert.Equal("Trung cấp", register.TheoryLevelName);
        Assert.Equal(["Không hoàn thành"], register.Lines.Select(l => l.OutcomeName));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_form_refuses_broken_courses_field_by_field_and_other_centres_and_readers_cannot_change_them(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var w = await SeedAsync(db);
        var service = Staff(db, w.CentreId);

        var refused = await Assert.ThrowsAsync<ExternalTrainingInputException>(() => service.SaveAsync(
            new ExternalTrainingInput(null, w.An, TheoryLevel.None, " ", new DateOnly(2025, 9, 1), new DateOnly(2025, 1, 1), null, null, TrainingOutcome.Completed, null)));
        Assert.Equal(["Level", "Institution", "EndDate"], refused.Errors.Select(e => e.Field));
        var notEnded = await Assert.ThrowsAsync<ExternalTrainingInputException>(() => service.SaveAsync(
            Course(w.An, TheoryLevel.Advanced, new DateOnly(2025, 9, 1), new DateOnly(2026, 6, 1), TrainingOutcome.Completed)));
        Assert.Equal("Khóa học chưa kết thúc thì chưa thể ghi là hoàn thành.", Assert.Single(notEnded.Errors).Message);
        Assert.Equal(0, await db.ExternalTrainings.CountAsync());

        var (id, _) = await service.SaveAsync(Course(w.An, TheoryLevel.Advanced, new DateOnly(2025, 9, 1)));
        Assert.Null(await Staff(db, w.OtherCentreId).GetAsync(id));
        await Assert.ThrowsAsync<DomainException>(() => Staff(db, w.OtherCentreId).DeleteAsync(id));
        var reader = new CadreTrainingService(db, new FixedUserScope(w.CentreId, CanEdit: false), Clock);
        await Assert.ThrowsAsync<DomainException>(() => reader.SaveAsync(Course(w.An, TheoryLevel.Advanced, new DateOnly(2025, 9, 1))));
        Assert.False((await reader.RegisterAsync(w.An))!.CanEdit);

        // A liaison of Xã Cát Tài does not see An of Xã Cát Hanh; a lecturer sees nobody.
        Assert.Null(await new CadreTrainingService(db, new FixedUserScope(w.CentreId, UnitId: w.CommuneB, CanEdit: false), Clock).RegisterAsync(w.An));
        Assert.NotNull(await new CadreTrainingService(db, new FixedUserScope(w.CentreId, UnitId: w.CommuneA, CanEdit: false), Clock).RegisterAsync(w.An));
        Assert.Null(await new CadreTrainingService(db, new FixedUserScope(w.CentreId, CanEdit: false, IsLecturer: true), Clock).RegisterAsync(w.An));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task An_imported_list_finds_people_by_cccd_or_name_and_birth_records_new_courses_and_counts_in_the_cadre_report(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext(new NamedUser("giaovu"));
        var w = await SeedAsync(db);
        var scope = new FixedUserScope(w.CentreId, UserId: "giaovu");
        var imports = new CadreTrainingImportService(db, scope, Clock);
        var bytes = TestWorkbook.Build(
            ["DANH SÁCH CÁN BỘ CỬ ĐI HỌC NĂM 2025"],
            [],
            ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Trình độ", "Cơ sở đào tạo", "Ngày bắt đầu", "Ngày kết thúc", "Số quyết định", "Ngày quyết định", "Kết quả"],
            [1, "Nguyễn Văn An", null, "052085000123", "Cao cấp lý luận chính trị", "Học viện Chính trị khu vực III", "05/09/2025", null, "130-QĐ/HU", "15/08/2025", "Đang học"],
            [2, "Lê Văn Chí", "09/01/1979", null, "Trung cấp", "Trường Chính trị tỉnh", "2024", "30/06/2025", null, null, "Hoàn thành"],
            [3, "Lê Văn Chí", "09/01/1979", null, "Trung cấp", "Trường Chính trị tỉnh", "2024", "30/06/2025", null, null, "Hoàn thành"],
            [4, "Phạm Văn Không Có", "01/01/1970", null, "Sơ cấp", "Trung tâm Chính trị", "01/03/2025", null, null, null, null],
            [5, "Trần Thị Bình", "01/07/1990", null, "Tiến sĩ", "Học viện Chính trị quốc gia", "01/10/2025", null, null, null, "Sắp học"],
            [6, "Trần Thị Bình", "01/07/1990", null, "Thạc sĩ", "Học viện Chính trị quốc gia", "01/10/2025", null, null, null, null],
            [],
            [null, "Người lập biểu"]);

        var preview = await imports.UploadAsync(new MemoryStream(bytes), "cu-di-hoc.xlsx");
        Assert.Equal(
            [ImportRowStatus.New, ImportRowStatus.New, ImportRowStatus.Exists, ImportRowStatus.Error, ImportRowStatus.Error, ImportRowStatus.New],
            preview.Rows.Select(r => r.Status));
        Assert.Equal("Nguyễn Văn An (04/03/1985)", preview.Rows[0].TraineeLabel);
        Assert.StartsWith("Không tìm thấy người này", preview.Rows[3].Message, StringComparison.Ordinal);
        Assert.Contains("Kết quả “Sắp học” không rõ", preview.Rows[4].Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.ExternalTrainings.CountAsync()); // nothing written before the confirmation

        Assert.Equal(3, await imports.CommitAsync(preview.Token));
        await Assert.ThrowsAsync<DomainException>(() => imports.CommitAsync(preview.Token)); // a second confirmation adds nothing
        Assert.Equal(3, await db.ExternalTrainings.CountAsync());
        Assert.Equal(TheoryLevel.Intermediate, await LevelAsync(db, w.Chi)); // completed: raised
        Assert.Equal(TheoryLevel.Elementary, await LevelAsync(db, w.An)); // studying: not yet
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(Trainee) && e.EntityId == w.Chi.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // The cadre report of 2025: An (Cát Hanh, cao cấp, from 05/09/2025) and Bình (Cát Hanh, sau đại học) sent; Chí sent in
        // 2024, completed in 2025 (Cát Tài). 2024: Chí sent to trung cấp.
        var reports = ReportWorld.Reports(db, new FixedUserScope(w.CentreId, CanEdit: false));
        var year = await reports.CadreAsync(new ReportFilter { Year = 2025 });
        var hanh = year.Rows.Single(r => r.UnitId == w.CommuneA);
        var tai = year.Rows.Single(r => r.UnitId == w.CommuneB);
        Assert.Equal((0, 0, 2, 0), (hanh.SentElementary, hanh.SentIntermediate, hanh.SentAdvanced, hanh.Completed));
        Assert.Equal((0, 0, 0, 1), (tai.SentElementary, tai.SentIntermediate, tai.SentAdvanced, tai.Completed));
        Assert.Equal([("Cao cấp", 1), ("Sau đại học", 1)], year.SentByLevel.Select(l => (l.Name, l.Count)));
        var before = await reports.CadreAsync(new ReportFilter { Year = 2024 });
        Assert.Equal((1, 0), (before.Total.SentIntermediate, before.Total.Completed));
        Assert.Equal(0, (await ReportWorld.Reports(db, new FixedUserScope(w.OtherCentreId, CanEdit: false)).CadreAsync(new ReportFilter { Year = 2025 })).Total.SentAdvanced);

        // The export carries the same figures.
        var export = await new ReportExportService(reports).CadreAsync(new ReportFilter { Year = 2025 });
        await using var file = export.File;
        using var copy = new MemoryStream();
        await file.Stream.CopyToAsync(copy);
        var sheet = XlsxTestReader.Open(copy.ToArray());
        var column = sheet.Cells.Single(c => c.Value.Value == "Cử đi học cao cấp, cử nhân, sau đại học").Key.TrimEnd("0123456789".ToCharArray());
        var totalRow = sheet.Rows.Single(r => r.CellReferences.Any(c => sheet.Value(c) == "Tổng cộng")).Number;
        Assert.Equal("2", sheet.Value($"{column}{totalRow}"));
    }

    private static async Task<TheoryLevel> LevelAsync(AppDbContext db, int id) =>
        await db.Trainees.AsNoTracking().Where(t => t.Id == id).Select(t => t.TheoryLevel).SingleAsync();
}
