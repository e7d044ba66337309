using System.Globalization;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Excel;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Classes;

/// <summary>
/// The report "danh sách lớp kèm điểm danh và kết quả": one line per trainee of a class with attended
/// periods, the share, eligibility, scores, grade and outcome — the numbers of the results page, as Excel.
/// </summary>
public sealed class ClassReportService(AppDbContext db, ResultsService results)
{
    public static readonly IReadOnlyList<ExcelColumn> Columns =
    [
        new("STT", 6, ExcelCellKind.Integer), new("Họ và tên", 26), new("Ngày sinh", 12), new("Số tiết tham dự", 10, ExcelCellKind.Integer),
        new("Tổng số tiết", 9, ExcelCellKind.Integer), new("Tỷ lệ tham dự", 10, ExcelCellKind.Percent), new("Đủ điều kiện dự kiểm tra", 12),
        new("Điểm", 8, ExcelCellKind.Decimal), new("Điểm thi lại", 9, ExcelCellKind.Decimal), new("Xếp loại", 11), new("Kết quả", 16), new("Lý do", 36),
    ];

    /// <summary>The workbook, or null when the user may not see the class.</summary>
    public async Task<(XlsxFile File, string FileName)?> RosterWithResultsAsync(int classId, CancellationToken cancellationToken = default)
    {
        var grid = await results.GetGridAsync(classId, null, cancellationToken);
        if (grid is null)
        {
            return null;
        }

        var centre = await db.TrainingClasses.Where(c => c.Id == classId)
            .Select(c => new { c.Centre!.ParentBodyName, c.Centre.Name, c.Centre.PlaceName }).FirstAsync(cancellationToken);
        var c = grid.Class;
        var report = new ExcelReport
        {
            SheetName = "Danh sách lớp",
            IssuingBody = Organisation.TrainingCentre.IssuingBodyLines(centre.ParentBodyName, centre.Name),
            RightHeading = [ExcelReport.PartyHeading],
            Title = "DANH SÁCH HỌC VIÊN KÈM ĐIỂM DANH VÀ KẾT QUẢ HỌC TẬP",
            Period = $"{c.ProgrammeName}, {c.NumberLabel}"
                + (c.StartDate is { } s ? string.Create(CultureInfo.InvariantCulture, $", từ {s:dd/MM/yyyy}") : "")
                + (c.EndDate is { } e ? string.Create(CultureInfo.InvariantCulture, $" đến {e:dd/MM/yyyy}") : ""),
            Columns = Columns,
        };
        var lines = grid.Rows.Select((r, i) => new object?[]
        {
            i + 1, r.FullName, r.Birth, r.Attendance.AttendedPeriods, r.Attendance.TotalPeriods,
            r.Attendance.TotalPeriods == 0 ? null : r.Attendance.Percent / 100m,
            r.Attendance.IsEligible ? "Đủ" : "Không đủ",
            AssessmentRules.TryParseScore(r.StoredScore, out var score) ? score : null,
            AssessmentRules.TryParseScore(r.StoredResit, out var resit) ? resit : null,
            r.Outcome.GradeName, r.Outcome.StatusText, r.Outcome.Reason,
        });
        var completed = grid.Rows.Count(r => r.Outcome.Completed == true);
        var file = XlsxReportWriter.Create(report, lines,
            [null, $"{grid.Rows.Count} học viên, {completed} hoàn thành", null, null, null, null, null, null, null, null, null, null]);
        return (file, $"danh-sach-ket-qua-lop-{c.NumberLabel.Replace("lớp thứ ", "", StringComparison.Ordinal).Replace('/', '-')}.xlsx");
    }
}
