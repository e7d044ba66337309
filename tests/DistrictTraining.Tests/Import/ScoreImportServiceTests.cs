using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Import;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Import;

public class ScoreImportServiceTests
{
    private static ScoreImportService Service(AppDbContext db, TestDatabase database, ClassFixture c)
    {
        var scope = new FixedUserScope(c.CentreId, UserId: "giaovu");
        return new ScoreImportService(db, scope, new ResultsService(db, scope), TimeProvider.System);
    }

    private static Task<ScoreImportPreview> PreviewAsync(ScoreImportService service, ClassFixture c, byte[] file, string name = "diem.xlsx") =>
        service.PreviewAsync(c.ClassId, new MemoryStream(file), file.Length, name);

    /// <summary>
    /// Five trainees, everyone present except the first (three sessions of ten missed: not eligible).
    /// Returns the class and its people in roster order with their dates of birth.
    /// </summary>
    private static async Task<(ClassFixture Class, List<(string Name, DateOnly Birth)> People)> ClassAsync(AppDbContext db)
    {
        var c = await ClassTestData.CreateAsync(db, trainees: 5, sessions: 10);
        await ClassTestData.MarkAsync(db,
            from e in c.EnrolmentIds
            from s in c.SessionIds
            select (e, s, e == c.EnrolmentIds[0] && c.SessionIds.Take(3).Contains(s) ? AttendanceStatus.Absent : AttendanceStatus.Present));
        var people = new List<(string, DateOnly)>();
        foreach (var id in c.EnrolmentIds)
        {
            var t = await db.Enrolments.Where(e => e.Id == id).Select(e => new { e.Trainee!.FullName, e.Trainee.DateOfBirth }).SingleAsync();
            people.Add((t.FullName, t.DateOfBirth!.Value));
        }

        return (c, people);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_preview_shows_matched_unmatched_and_invalid_rows_and_confirming_writes_them_in_one_go(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var (c, p) = await ClassAsync(db);
        var service = Service(db, database, c);
        var file = XlsxBuilder.FromGrid(
            ["BẢNG ĐIỂM LỚP BỒI DƯỠNG"],
            [],
            ["STT", "Họ và tên", "Ngày sinh", "Điểm", "Điểm thi lại"],
            [1, p[1].Name.ToUpperInvariant(), X.Date(p[1].Birth), "7,5", null],            // matched despite the capitals
            [2, VietnameseText.SearchKey(p[2].Name), null, 4.5, 6.0],                      // without diacritics, a resit that passes
            [3, p[3].Name, p[3].Birth.ToString("dd/MM/yyyy"), "8.0", null],
            [4, p[0].Name, null, "9", null],                                              // not eligible by attendance
            [5, "Người Không Có", null, "6", null],                                       // not on the roster
            [6, p[4].Name, "01/01/1950", "6", null],                                      // same name, other birth date
            [7, p[3].Name, null, "5", null],                                              // the same person twice
            [8, p[4].Name, null, "11", null]);                                            // not a score

        var preview = await PreviewAsync(service, c, file);
        var kinds = preview.Rows.ToDictionary(r => r.RowNumber, r => r.Kind);
        Assert.Equal(ScoreImportRowKind.Matched, kinds[4]);
        Assert.Equal(ScoreImportRowKind.Matched, kinds[5]);
        Assert.Equal(ScoreImportRowKind.Matched, kinds[6]);
        Assert.Equal(ScoreImportRowKind.Invalid, kinds[7]);
        Assert.Equal(ScoreImportRowKind.Unmatched, kinds[8]);
        Assert.Equal(ScoreImportRowKind.Unmatched, kinds[9]);
        Assert.Equal(ScoreImportRowKind.Invalid, kinds[10]);
        Assert.Equal(ScoreImportRowKind.Invalid, kinds[11]);
        var messages = preview.Rows.ToDictionary(r => r.RowNumber, r => r.Message);
        Assert.StartsWith("Không đủ điều kiện dự kiểm tra cuối khóa", messages[7]);
        Assert.Equal("Không có học viên này trong danh sách lớp.", messages[8]);
        Assert.Equal("Trong lớp có người cùng họ tên nhưng khác ngày sinh.", messages[9]);
        Assert.Equal("Trùng với dòng 6 (cùng học viên " + p[3].Name + ").", messages[10]);
        Assert.StartsWith("Điểm \"11\" không hợp lệ", messages[11]);
        Assert.Equal("Hoàn thành – Trung bình.", messages[5]);
        Assert.Equal((3, 2, 3, 3), (preview.Count(ScoreImportRowKind.Matched), preview.Count(ScoreImportRowKind.Unmatched), preview.Count(ScoreImportRowKind.Invalid), preview.WriteCount));
        Assert.Equal(0, await db.AssessmentResults.CountAsync());

        Assert.Equal(3, await service.ConfirmAsync(c.ClassId, preview.Token));
        await using (var check = database.CreateContext())
        {
            var stored = await check.AssessmentResults.ToDictionaryAsync(r => r.EnrolmentId);
            Assert.Equal(3, stored.Count);
            Assert.Equal((7.5m, "Khá"), (stored[c.EnrolmentIds[1]].Score!.Value, stored[c.EnrolmentIds[1]].GradeName));
            Assert.Equal((4.5m, 6.0m, true), (stored[c.EnrolmentIds[2]].Score!.Value, stored[c.EnrolmentIds[2]].ResitScore!.Value, stored[c.EnrolmentIds[2]].Completed!.Value));
            Assert.Equal(8.0m, stored[c.EnrolmentIds[3]].Score);
        }

        // The pending import is gone once confirmed.
        var twice = await Assert.ThrowsAsync<DomainException>(() => service.ConfirmAsync(c.ClassId, preview.Token));
        Assert.Contains("hết hạn hoặc đã được xử lý", twice.Message);

        // Importing the same sheet again changes nothing for those rows.
        var again = await PreviewAsync(service, c, file);
        Assert.Equal(0, again.WriteCount);
        Assert.Contains("Điểm đã có, không thay đổi.", again.Rows.Single(r => r.RowNumber == 4).Message);
        await service.CancelAsync(c.ClassId, again.Token);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Cancelling_writes_nothing_and_a_confirm_over_changed_scores_is_refused(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var (c, p) = await ClassAsync(db);
        var service = Service(db, database, c);
        var file = XlsxBuilder.FromGrid(["Họ và tên", "Điểm"], [p[1].Name, "6,5"], [p[2].Name, "7"]);

        var cancelled = await PreviewAsync(service, c, file);
        await service.CancelAsync(c.ClassId, cancelled.Token);
        await Assert.ThrowsAsync<DomainException>(() => service.ConfirmAsync(c.ClassId, cancelled.Token));
        Assert.Equal(0, await db.AssessmentResults.CountAsync());
        Assert.False(await db.PendingUploads.AnyAsync());

        // Someone enters a score in the grid between preview and confirm: nothing of the import is written.
        var preview = await PreviewAsync(service, c, file);
        await using (var other = database.CreateContext())
        {
            var results = new ResultsService(other, new FixedUserScope(c.CentreId, UserId: "giaovu2"));
            var row = (await results.GetGridAsync(c.ClassId))!.Rows[2];
            await results.SaveAsync(c.ClassId, [new ScoreInput(row.EnrolmentId, row.Version, "9", "", row.StoredScore, row.StoredResit)]);
        }

        var refused = await Assert.ThrowsAsync<DomainException>(() => service.ConfirmAsync(c.ClassId, preview.Token));
        Assert.Contains($"dòng 3 ({p[2].Name}): Người khác vừa ghi: điểm 9,0", refused.Message);
        await using (var check = database.CreateContext())
        {
            Assert.Equal([9m], await check.AssessmentResults.Select(r => r.Score!.Value).ToListAsync());
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Files_that_are_not_xlsx_too_large_or_without_the_columns_are_refused(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var (c, _) = await ClassAsync(db);
        var service = Service(db, database, c);

        var text = await Assert.ThrowsAsync<DomainException>(() => PreviewAsync(service, c, "Họ và tên;Điểm\n"u8.ToArray(), "diem.csv"));
        Assert.Contains("không phải bảng tính Excel .xlsx", text.Message);
        var xls = await Assert.ThrowsAsync<DomainException>(() => PreviewAsync(service, c, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "diem.xls"));
        Assert.Contains("Excel cũ (.xls)", xls.Message);
        var big = new byte[(10 * 1024 * 1024) + 1];
        var large = await Assert.ThrowsAsync<DomainException>(() => PreviewAsync(service, c, big));
        Assert.Contains("Tệp quá lớn", large.Message);
        var noScore = await Assert.ThrowsAsync<DomainException>(() => PreviewAsync(service, c, XlsxBuilder.FromGrid(["Họ và tên", "Ngày sinh"], ["Nguyễn Văn An", "01/01/1990"])));
        Assert.Contains("Không tìm thấy dòng tiêu đề", noScore.Message);
        Assert.False(await db.PendingUploads.AnyAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_class_template_reads_back_through_the_import(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var (c, p) = await ClassAsync(db);
        var service = Service(db, database, c);
        await using var template = await service.TemplateAsync(c.ClassId);
        using var copy = new MemoryStream();
        await template.Stream.CopyToAsync(copy);

        var preview = await PreviewAsync(service, c, copy.ToArray(), "mau.xlsx");
        Assert.Equal(p.Select(x => x.Name), preview.Rows.Select(r => r.FullName));
        Assert.Equal(p.Select(x => x.Birth.ToString("dd/MM/yyyy")), preview.Rows.Select(r => r.Birth));
        Assert.All(preview.Rows, r => Assert.Equal("Dòng chưa có điểm: bỏ qua.", r.Message));
        Assert.Equal(0, preview.WriteCount);
        await service.CancelAsync(c.ClassId, preview.Token);
    }
}
