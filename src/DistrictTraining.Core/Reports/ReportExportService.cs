using System.Globalization;
using DistrictTraining.Core.Excel;
using DistrictTraining.Core.Lecturers;

namespace DistrictTraining.Core.Reports;

/// <summary>An export ready to send: the workbook (a temporary file, deleted when disposed) and its download name.</summary>
public sealed record ReportFile(XlsxFile File, string FileName);

/// <summary>
/// The Excel files of the reports. Each takes the same <see cref="ReportService"/> query as its page
/// (so the same scope checks and the same numbers) and streams its rows through
/// <see cref="XlsxReportWriter"/>, with the title block of the issuing centre and a totals row.
/// </summary>
public sealed class ReportExportService(ReportService reports)
{
    private static readonly ExcelColumn Number = new("STT", 6, ExcelCellKind.Integer) { Alignment = ExcelAlignment.Center };

    public async Task<ReportFile> SummaryAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var report = await reports.SummaryAsync(filter, cancellationToken);
        var total = report.Total;
        return Create(
            report.Heading,
            "Tổng hợp",
            "BÁO CÁO KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG THEO CHƯƠNG TRÌNH",
            [
                Number,
                new ExcelColumn("Chương trình", 46),
                new ExcelColumn("Số lớp kế hoạch", 11, ExcelCellKind.Integer),
                new ExcelColumn("Số lớp đã mở", 11, ExcelCellKind.Integer),
                new ExcelColumn("Tỷ lệ số lớp", 10, ExcelCellKind.Percent),
                new ExcelColumn("Số học viên kế hoạch", 12, ExcelCellKind.Integer),
                new ExcelColumn("Lượt học viên", 12, ExcelCellKind.Integer),
                new ExcelColumn("Tỷ lệ học viên", 10, ExcelCellKind.Percent),
            ],
            report.Rows.Select((r, i) => new object?[] { i + 1, r.Name, r.PlannedClasses, r.HeldClasses, r.ClassShare, r.PlannedTrainees, r.Trainees, r.TraineeShare }),
            [null, null, total.PlannedClasses, total.HeldClasses, total.ClassShare, total.PlannedTrainees, total.Trainees, total.TraineeShare],
            "tong-hop-theo-chuong-trinh",
            cancellationToken);
    }

    /// <summary>By unit under the names of the time (with the unit each was merged into), or with <paramref name="currentUnits"/> totalled under today's units.</summary>
    public async Task<ReportFile> ByUnitAsync(ReportFilter filter, bool currentUnits, CancellationToken cancellationToken = default)
    {
        var report = await reports.ByUnitAsync(filter, cancellationToken);
        var programmes = report.Programmes.Select(p => new ExcelColumn(p.Name, 16, ExcelCellKind.Integer));
        var rows = currentUnits ? report.CurrentUnits : report.Rows;
        IEnumerable<ExcelColumn> units = currentUnits
            ? [new ExcelColumn("Đơn vị (hiện nay)", 32)]
            : [new ExcelColumn("Đơn vị (tên khi học)", 32), new ExcelColumn("Nay thuộc đơn vị", 26)];
        return Create(
            report.Heading,
            "Theo đơn vị",
            currentUnits ? "SỐ LƯỢT HỌC VIÊN THEO ĐƠN VỊ HIỆN NAY" : "SỐ LƯỢT HỌC VIÊN THEO ĐƠN VỊ",
            [Number, .. units, .. programmes, new ExcelColumn("Tổng số", 12, ExcelCellKind.Integer)],
            rows.Select((r, i) => (object?[])[i + 1, r.UnitName, .. currentUnits ? Array.Empty<object?>() : [r.MergedIntoName], .. r.Counts.Cast<object?>(), r.Total]),
            [null, null, .. currentUnits ? Array.Empty<object?>() : [null], .. report.ProgrammeTotals.Cast<object?>(), report.Total],
            currentUnits ? "hoc-vien-theo-don-vi-hien-nay" : "hoc-vien-theo-don-vi",
            cancellationToken);
    }

    /// <summary>
    /// Every trainee-attendance behind the by-unit counts, one row each, streamed from the database to
    /// the workbook (memory stays flat for a province's year of about 100,000 rows).
    /// </summary>
    public async Task<ReportFile> AttendanceListAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var (heading, lines) = await reports.AttendanceListAsync(filter, cancellationToken);
        var report = Report(heading, "Danh sách", "DANH SÁCH HỌC VIÊN ĐÃ THAM GIA HỌC TẬP",
        [
            Number,
            new ExcelColumn("Họ và tên", 26),
            new ExcelColumn("Ngày sinh", 12, ExcelCellKind.Date),
            new ExcelColumn("Giới tính", 8),
            new ExcelColumn("Đơn vị (tên khi học)", 26),
            new ExcelColumn("Nay thuộc đơn vị", 22),
            new ExcelColumn("Chương trình", 36),
            new ExcelColumn("Lớp", 16),
            new ExcelColumn("Khai giảng", 12, ExcelCellKind.Date),
            new ExcelColumn("Kết quả", 16),
        ]);
        var row = new object?[10];
        var number = 0;
        async IAsyncEnumerable<object?[]> Rows()
        {
            await foreach (var line in lines)
            {
                row[0] = ++number; row[1] = line.FullName; row[2] = line.Birth; row[3] = Trainees.Trainee.SexName(line.Sex); row[4] = line.UnitName;
                row[5] = line.MergedIntoName; row[6] = line.ProgrammeName; row[7] = line.ClassLabel; row[8] = line.StartDate; row[9] = line.Result;
                yield return row;
            }
        }

        var file = await XlsxReportWriter.CreateAsync(report, Rows(), cancellationToken: cancellationToken);
        return new ReportFile(file, $"danh-sach-hoc-vien-{Suffix(heading.Period)}.xlsx");
    }

    public async Task<ReportFile> CadreAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var report = await reports.CadreAsync(filter, cancellationToken);
        var t = report.Total;
        return Create(
            report.Heading,
            "Trình độ cấp ủy",
            "TRÌNH ĐỘ LÝ LUẬN CHÍNH TRỊ CỦA CẤP ỦY VIÊN CƠ SỞ",
            [
                Number,
                new ExcelColumn("Đơn vị", 32),
                new ExcelColumn("Số cấp ủy viên", 11, ExcelCellKind.Integer),
                new ExcelColumn("Trung cấp trở lên", 11, ExcelCellKind.Integer),
                new ExcelColumn("Tỷ lệ", 9, ExcelCellKind.Percent),
                new ExcelColumn("Số bí thư", 9, ExcelCellKind.Integer),
                new ExcelColumn("Bí thư trung cấp trở lên", 12, ExcelCellKind.Integer),
                new ExcelColumn("Tỷ lệ bí thư", 9, ExcelCellKind.Percent),
                new ExcelColumn("Cử đi học sơ cấp", 11, ExcelCellKind.Integer),
                new ExcelColumn("Cử đi học trung cấp", 11, ExcelCellKind.Integer),
                new ExcelColumn("Cử đi học cao cấp, cử nhân, sau đại học", 13, ExcelCellKind.Integer),
                new ExcelColumn("Hoàn thành khóa học", 11, ExcelCellKind.Integer),
            ],
            report.Rows.Select((r, i) => new object?[]
            {
                i + 1, r.UnitName, r.Members, r.MembersQualified, r.MemberShare, r.Secretaries, r.SecretariesQualified, r.SecretaryShare, r.SentElementary, r.SentIntermediate, r.SentAdvanced, r.Completed,
            }),
            [null, null, t.Members, t.MembersQualified, t.MemberShare, t.Secretaries, t.SecretariesQualified, t.SecretaryShare, t.SentElementary, t.SentIntermediate, t.SentAdvanced, t.Completed],
            "trinh-do-cap-uy",
            cancellationToken);
    }

    public async Task<ReportFile> LecturersAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var report = await reports.LecturersAsync(filter, cancellationToken);
        IEnumerable<object?[]> Section(IReadOnlyList<LecturerRow> rows, LecturerRow subtotal, int first) =>
            rows.Select((r, i) => new object?[] { first + i, r.Name, r.Position, r.Kind is { } k ? LecturerService.KindName(k) : null, r.Classes, r.Sessions, r.Periods })
                .Append([null, subtotal.Name, null, null, subtotal.Classes, subtotal.Sessions, subtotal.Periods]);
        var t = report.Total;
        return Create(
            report.Heading,
            "Giờ giảng",
            "TỔNG HỢP SỐ TIẾT GIẢNG CỦA GIẢNG VIÊN",
            [
                Number,
                new ExcelColumn("Họ và tên", 28),
                new ExcelColumn("Chức vụ", 30),
                new ExcelColumn("Loại giảng viên", 14),
                new ExcelColumn("Số lớp", 9, ExcelCellKind.Integer),
                new ExcelColumn("Số buổi", 9, ExcelCellKind.Integer),
                new ExcelColumn("Số tiết", 9, ExcelCellKind.Integer),
            ],
            Section(report.FullTime, report.FullTimeTotal, 1).Concat(Section(report.PartTime, report.PartTimeTotal, report.FullTime.Count + 1)),
            [null, null, null, null, t.Classes, t.Sessions, t.Periods],
            "gio-giang-giang-vien",
            cancellationToken);
    }

    public async Task<ReportFile> GradesAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var report = await reports.GradesAsync(filter, cancellationToken);
        var t = report.Total;
        return Create(
            report.Heading,
            "Xếp loại",
            "KẾT QUẢ HỌC TẬP THEO XẾP LOẠI",
            [
                Number,
                new ExcelColumn("Chương trình", 46),
                .. report.Grades.Select(g => new ExcelColumn(g, 11, ExcelCellKind.Integer)),
                new ExcelColumn("Hoàn thành (không xếp loại)", 13, ExcelCellKind.Integer),
                new ExcelColumn("Không hoàn thành", 11, ExcelCellKind.Integer),
                new ExcelColumn("Chưa có kết quả", 11, ExcelCellKind.Integer),
                new ExcelColumn("Lượt học viên", 11, ExcelCellKind.Integer),
            ],
            report.Rows.Select((r, i) => (object?[])[i + 1, r.Name, .. r.GradeCounts.Cast<object?>(), r.CompletedUngraded, r.NotCompleted, r.NoResult, r.Trainees]),
            [null, null, .. t.GradeCounts.Cast<object?>(), t.CompletedUngraded, t.NotCompleted, t.NoResult, t.Trainees],
            "xep-loai-hoc-vien",
            cancellationToken);
    }

    public async Task<ReportFile> CertificatesAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var report = await reports.GradesAsync(filter, cancellationToken);
        var t = report.CertificateTotal;
        return Create(
            report.Heading,
            "Giấy chứng nhận",
            "SỐ GIẤY CHỨNG NHẬN ĐÃ CẤP",
            [
                Number,
                new ExcelColumn("Chương trình", 46),
                new ExcelColumn("Số đã cấp", 11, ExcelCellKind.Integer),
                new ExcelColumn("Trong đó cấp lại", 11, ExcelCellKind.Integer),
                new ExcelColumn("Đang có hiệu lực", 11, ExcelCellKind.Integer),
                new ExcelColumn("Đã được cấp lại", 11, ExcelCellKind.Integer),
                new ExcelColumn("Đã thu hồi", 11, ExcelCellKind.Integer),
            ],
            report.Certificates.Select((r, i) => new object?[] { i + 1, r.Name, r.Issued, r.Reissued, r.Valid, r.Superseded, r.Revoked }),
            [null, null, t.Issued, t.Reissued, t.Valid, t.Superseded, t.Revoked],
            "giay-chung-nhan-da-cap",
            cancellationToken);
    }

    /// <summary>
    /// Writes the workbook. The rows are the grouped lines of a report, already in memory (a few per
    /// programme or unit), so the enumerable overload of the streaming writer takes them.
    /// </summary>
    private static ReportFile Create(
        ReportHeading heading,
        string sheetName,
        string title,
        IReadOnlyList<ExcelColumn> columns,
        IEnumerable<object?[]> rows,
        object?[] totals,
        string fileName,
        CancellationToken cancellationToken)
    {
        var file = XlsxReportWriter.Create(Report(heading, sheetName, title, columns), rows, totals, cancellationToken);
        return new ReportFile(file, $"{fileName}-{Suffix(heading.Period)}.xlsx");
    }

    private static ExcelReport Report(ReportHeading heading, string sheetName, string title, IReadOnlyList<ExcelColumn> columns) => new()
    {
        SheetName = sheetName,
        IssuingBody = heading.IssuingBody,
        RightHeading = [ExcelReport.PartyHeading],
        PlaceAndDate = heading.PlaceAndDate,
        Title = title,
        Period = heading.Subtitle,
        Columns = columns,
    };

    /// <summary>The period in a download's name: "2025", "2025-6-thang-dau", "20250101-20250630".</summary>
    private static string Suffix(ReportPeriod period) =>
        period.IsRange
            ? string.Create(CultureInfo.InvariantCulture, $"{period.From:yyyyMMdd}-{period.To:yyyyMMdd}")
            : period.Half is { } half ? $"{period.From.Year}-6-thang-{(half == 1 ? "dau" : "cuoi")}" : $"{period.From.Year}";
}
