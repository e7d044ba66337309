using System.Globalization;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Documents;

/// <summary>A generated document: its bytes and the file name offered to the browser.</summary>
public sealed record GeneratedDocument(byte[] Content, string FileName);

/// <summary>
/// The documents centre staff write for every class, generated as Word files in the Party's layout (see
/// <see cref="PartyDocument"/>): the decision opening a class with its roster, the completion decision with its
/// annex of results and grades, the list of certificates issued for signing, and a session's sign-in sheet.
/// What the records hold is filled in (names, dates, numbers, the recorded decision); what they do not yet hold
/// (the opening decision's number, an undecided class's decision date) is left as dots to fill in Word.
/// </summary>
public sealed class ClassDocumentService(AppDbContext db, IUserScope scope)
{
    private const string Dots = "……";

    private sealed record ClassFacts(
        int Id, int CentreId, string CentreName, string? ParentBodyName, string? PlaceName, string? DirectorName,
        string ProgrammeName, string? Title, int Number, int Year, DateOnly? StartDate, DateOnly? EndDate,
        VenueKind VenueKind, string? VenueName, string? DecisionNumber, DateOnly? DecisionDate, string? DecisionSigner)
    {
        public string ClassName => ClassLabels.ClassName(ProgrammeName, Title, Number, Year);

        public IReadOnlyList<string> IssuingBody => TrainingCentre.IssuingBodyLines(ParentBodyName, CentreName);

        public string CentreUpper => CentreName.ToUpper(VietnameseText.Culture);

        public string Period => (StartDate, EndDate) switch
        {
            ({ } s, { } e) => string.Create(CultureInfo.InvariantCulture, $"từ ngày {s:dd/MM/yyyy} đến ngày {e:dd/MM/yyyy}"),
            ({ } s, null) => string.Create(CultureInfo.InvariantCulture, $"từ ngày {s:dd/MM/yyyy}"),
            _ => "từ ngày " + Dots + " đến ngày " + Dots,
        };

        public string Venue => string.IsNullOrWhiteSpace(VenueName) ? ClassLabels.VenueKindName(VenueKind).ToLower(VietnameseText.Culture) : VenueName.Trim();
    }

    private sealed record Person(int EnrolmentId, string FullName, PartialDate? Birth, string? Position, string? UnitName, string SortKey)
    {
        public string BirthText => Birth?.ToString() ?? string.Empty;

        public string PositionAndUnit => string.Join(", ", new[] { Position, UnitName }.Where(s => !string.IsNullOrWhiteSpace(s)));
    }

    public async Task<GeneratedDocument?> OpeningDecisionAsync(int classId, CancellationToken cancellationToken = default)
    {
        if (await FactsAsync(classId, cancellationToken) is not { } c)
        {
            return null;
        }

        var people = await PeopleAsync(classId, cancellationToken);
        var document = new PartyDocument()
            .Heading(c.IssuingBody, "Số:       -QĐ/TTCT", PartyDocument.PlaceAndDate(c.PlaceName, null))
            .Title("QUYẾT ĐỊNH", "về việc mở " + Lower(c.ClassName))
            .Centred("GIÁM ĐỐC " + c.CentreUpper)
            .Text("- Căn cứ chức năng, nhiệm vụ, quyền hạn và tổ chức bộ máy của " + c.CentreName + ";")
            .Text(string.Create(CultureInfo.InvariantCulture, $"- Căn cứ kế hoạch đào tạo, bồi dưỡng lý luận chính trị năm {c.Year};"))
            .Text("- Xét đề nghị của bộ phận phụ trách đào tạo,")
            .Centred("QUYẾT ĐỊNH:")
            .Text($"Điều 1. Mở {Lower(c.ClassName)}, thời gian học {c.Period}, tại {c.Venue}.")
            .Text($"Điều 2. Triệu tập {people.Count} đồng chí có tên trong danh sách kèm theo tham gia lớp học.")
            .Text("Điều 3. Bộ phận phụ trách đào tạo, giảng viên, các đơn vị có liên quan và các đồng chí có tên tại Điều 2 chịu trách nhiệm thi hành Quyết định này.")
            .Signature(["Như Điều 3,", "Lưu văn phòng."], ["GIÁM ĐỐC"], c.DirectorName)
            .PageBreak()
            .Centred("DANH SÁCH HỌC VIÊN " + c.ClassName.ToUpper(VietnameseText.Culture))
            .Centred("(Kèm theo Quyết định số       -QĐ/TTCT, ngày … tháng … năm …… của " + c.CentreName + ")", bold: false, italic: true)
            .Table(["STT", "Họ và tên", "Ngày sinh", "Chức vụ, đơn vị công tác", "Ghi chú"], [700, 2800, 1400, 3071, 1100],
                people.Select((p, i) => (IReadOnlyList<string?>)[(i + 1).ToString(CultureInfo.InvariantCulture), p.FullName, p.BirthText, p.PositionAndUnit, null]),
                [true, false, true, false, false]);
        return new GeneratedDocument(document.ToBytes(), $"quyet-dinh-mo-lop-{Slug(c)}.docx");
    }

    public async Task<GeneratedDocument?> CompletionDecisionAsync(int classId, CancellationToken cancellationToken = default)
    {
        if (await FactsAsync(classId, cancellationToken) is not { } c)
        {
            return null;
        }

        var people = await PeopleAsync(classId, cancellationToken);
        var results = await db.AssessmentResults.AsNoTracking()
            .Where(r => r.Enrolment!.ClassId == classId)
            .Select(r => new { r.EnrolmentId, r.Score, r.ResitScore, r.GradeName, r.Completed, r.NotCompletedReason })
            .ToDictionaryAsync(r => r.EnrolmentId, cancellationToken);
        var completed = people.Count(p => results.GetValueOrDefault(p.EnrolmentId)?.Completed == true);
        var number = c.DecisionNumber is { } n ? "Số: " + n : "Số:       -QĐ/TTCT";
        var reference = c.DecisionNumber is { } dn && c.DecisionDate is { } dd
            ? string.Create(CultureInfo.InvariantCulture, $"(Kèm theo Quyết định số {dn}, ngày {dd:dd/MM/yyyy} của {c.CentreName})")
            : "(Kèm theo Quyết định số       -QĐ/TTCT, ngày … tháng … năm …… của " + c.CentreName + ")";
        string Score(decimal? score) => score?.ToString("0.0", VietnameseText.Culture) ?? string.Empty;
        var document = new PartyDocument()
            .Heading(c.IssuingBody, number, PartyDocument.PlaceAndDate(c.PlaceName, c.DecisionDate))
            .Title("QUYẾT ĐỊNH", "công nhận hoàn thành chương trình học tập", Lower(c.ClassName))
            .Centred("GIÁM ĐỐC " + c.CentreUpper)
            .Text("- Căn cứ chức năng, nhiệm vụ, quyền hạn và tổ chức bộ máy của " + c.CentreName + ";")
            .Text("- Căn cứ Hướng dẫn số 154-HD/BTGTW về việc cấp giấy chứng nhận hoàn thành chương trình học tập;")
            .Text($"- Căn cứ kết quả học tập của học viên {Lower(c.ClassName)}, học {c.Period};")
            .Text("- Xét đề nghị của bộ phận phụ trách đào tạo,")
            .Centred("QUYẾT ĐỊNH:")
            .Text($"Điều 1. Công nhận {completed}/{people.Count} học viên {Lower(c.ClassName)} hoàn thành chương trình học tập (có danh sách, kết quả và xếp loại kèm theo).")
            .Text("Điều 2. Cấp giấy chứng nhận hoàn thành chương trình học tập cho các học viên có tên tại Điều 1.")
            .Text("Điều 3. Bộ phận phụ trách đào tạo và các học viên có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.")
            .Signature(["Như Điều 3,", "Lưu văn phòng."], ["GIÁM ĐỐC"], c.DecisionSigner ?? c.DirectorName)
            .PageBreak()
            .Centred("DANH SÁCH KẾT QUẢ HỌC TẬP " + c.ClassName.ToUpper(VietnameseText.Culture))
            .Centred(reference, bold: false, italic: true)
            .Table(["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Điểm", "Xếp loại", "Kết quả"], [600, 2400, 1250, 1900, 800, 1000, 1121],
                people.Select((p, i) =>
                {
                    var r = results.GetValueOrDefault(p.EnrolmentId);
                    var score = r?.ResitScore is { } resit ? $"{Score(r.Score)} ({Score(resit)})" : Score(r?.Score);
                    var outcome = r?.Completed switch { true => "Hoàn thành", false => "Không hoàn thành", _ => "Chưa có kết quả" };
                    return (IReadOnlyList<string?>)[(i + 1).ToString(CultureInfo.InvariantCulture), p.FullName, p.BirthText, p.UnitName, score, r?.GradeName, outcome];
                }),
                [true, false, true, false, true, true, false]);
        return new GeneratedDocument(document.ToBytes(), $"quyet-dinh-cong-nhan-hoan-thanh-{Slug(c)}.docx");
    }

    public async Task<GeneratedDocument?> CertificateListAsync(int classId, CancellationToken cancellationToken = default)
    {
        if (await FactsAsync(classId, cancellationToken) is not { } c)
        {
            return null;
        }

        var certificates = await db.Certificates.AsNoTracking()
            .Where(x => x.Enrolment!.ClassId == classId && x.Status == CertificateStatus.Valid)
            .Select(x => new
            {
                x.Enrolment!.Trainee!.FullName, x.Enrolment.Trainee.DateOfBirth, x.Enrolment.Trainee.BirthYearOnly, x.Enrolment.Trainee.SortKey,
                x.Year, x.SerialNumber, x.RegisterNumber, x.IssueDate,
            })
            .ToListAsync(cancellationToken);
        var rows = certificates.OrderBy(x => x.SortKey, StringComparer.Ordinal).ThenBy(x => x.SerialNumber).ToList();
        var document = new PartyDocument()
            .Heading(c.IssuingBody, string.Empty, PartyDocument.PlaceAndDate(c.PlaceName, rows.Count > 0 ? rows.Max(x => x.IssueDate) : null))
            .Title("DANH SÁCH", "cấp giấy chứng nhận hoàn thành chương trình học tập", Lower(c.ClassName))
            .Text(c.DecisionNumber is { } dn && c.DecisionDate is { } dd
                ? string.Create(CultureInfo.InvariantCulture, $"Theo Quyết định số {dn}, ngày {dd:dd/MM/yyyy} của {c.CentreName} công nhận hoàn thành chương trình học tập; {rows.Count} giấy chứng nhận.")
                : $"{rows.Count} giấy chứng nhận.", italic: true)
            .Table(["STT", "Họ và tên", "Ngày sinh", "Số hiệu", "Số vào sổ", "Ngày cấp", "Ký nhận"], [600, 2500, 1250, 1250, 1250, 1250, 971],
                rows.Select((x, i) => (IReadOnlyList<string?>)[
                    (i + 1).ToString(CultureInfo.InvariantCulture), x.FullName,
                    x.DateOfBirth is { } d ? PartialDate.From(d, x.BirthYearOnly).ToString() : null,
                    CertificateRules.SerialLabel(x.Year, x.SerialNumber), CertificateRules.RegisterLabel(x.Year, x.RegisterNumber),
                    x.IssueDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), null]),
                [true, false, true, true, true, true, false])
            .Signature(["Lưu sổ gốc cấp giấy chứng nhận."], ["NGƯỜI LẬP DANH SÁCH"], null);
        return new GeneratedDocument(document.ToBytes(), $"danh-sach-cap-chung-nhan-{Slug(c)}.docx");
    }

    /// <summary>
    /// The paper a class signs at one session, for a class run without a screen; entered into the grid afterwards.
    /// <paramref name="attendanceQr"/> gives the PNG of a QR code leading to the class's attendance page (by class id).
    /// </summary>
    public async Task<GeneratedDocument?> SignInSheetAsync(int sessionId, Func<int, byte[]>? attendanceQr = null, CancellationToken cancellationToken = default)
    {
        var session = await db.ClassSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.ClassId, s.Date, s.Part, s.Topic, s.Periods, Lecturer = s.Lecturer == null ? null : s.Lecturer.FullName })
            .FirstOrDefaultAsync(cancellationToken);
        if (session is null || await FactsAsync(session.ClassId, cancellationToken) is not { } c)
        {
            return null;
        }

        var people = await PeopleAsync(session.ClassId, cancellationToken);
        var when = string.Create(CultureInfo.InvariantCulture, $"Buổi {ClassLabels.DayPartName(session.Part).ToLower(VietnameseText.Culture)} ngày {session.Date:dd/MM/yyyy}");
        var document = new PartyDocument()
            .Heading(c.IssuingBody, string.Empty, PartyDocument.PlaceAndDate(c.PlaceName, session.Date))
            .Title("DANH SÁCH HỌC VIÊN KÝ TÊN", Lower(c.ClassName), when);
        if (attendanceQr is not null)
        {
            document.Picture(attendanceQr(c.Id), 22, "Quét mã để mở trang điểm danh của lớp");
        }

        document
            .Text($"Chuyên đề: {session.Topic} ({session.Periods} tiết). Giảng viên: {session.Lecturer ?? Dots}.", italic: true)
            .Table(["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Ký tên", "Ghi chú"], [600, 2600, 1250, 2200, 1500, 921],
                people.Select((p, i) => (IReadOnlyList<string?>)[(i + 1).ToString(CultureInfo.InvariantCulture), p.FullName, p.BirthText, p.UnitName, null, null]),
                [true, false, true, false, false, false])
            .Text($"Tổng số: {people.Count} học viên; có mặt: {Dots}; vắng có phép: {Dots}; vắng không phép: {Dots}.")
            .Signature([], ["CÁN BỘ QUẢN LÝ LỚP"], null);
        return new GeneratedDocument(document.ToBytes(), string.Create(CultureInfo.InvariantCulture, $"ky-ten-{Slug(c)}-{session.Date:yyyy-MM-dd}-{(int)session.Part}.docx"));
    }

    private async Task<ClassFacts?> FactsAsync(int classId, CancellationToken cancellationToken)
    {
        var facts = await db.TrainingClasses.AsNoTracking().Where(c => c.Id == classId)
            .Select(c => new ClassFacts(
                c.Id, c.CentreId, c.Centre!.Name, c.Centre.ParentBodyName, c.Centre.PlaceName, c.Centre.DirectorName,
                c.Programme!.Name, c.Title, c.Number, c.Year, c.StartDate, c.EndDate, c.VenueKind, c.VenueName,
                c.CompletionDecisionNumber, c.CompletionDecisionDate, c.CompletionDecisionSigner))
            .FirstOrDefaultAsync(cancellationToken);
        return facts is not null && (scope.AllCentres || facts.CentreId == scope.CentreId) ? facts : null;
    }

    private async Task<List<Person>> PeopleAsync(int classId, CancellationToken cancellationToken)
    {
        var rows = await db.Enrolments.AsNoTracking()
            .Where(e => e.ClassId == classId && e.Status == EnrolmentStatus.Active)
            .Select(e => new
            {
                e.Id, e.Trainee!.FullName, e.Trainee.DateOfBirth, e.Trainee.BirthYearOnly, e.Trainee.Position,
                Unit = e.Unit != null ? e.Unit.Name : e.Trainee.Unit != null ? e.Trainee.Unit.Name : null, e.Trainee.SortKey,
            })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new Person(r.Id, r.FullName, r.DateOfBirth is { } d ? PartialDate.From(d, r.BirthYearOnly) : null, r.Position, r.Unit, r.SortKey))
            .OrderBy(p => p.SortKey, StringComparer.Ordinal).ThenBy(p => p.EnrolmentId)
            .ToList();
    }

    private static string Lower(string className) =>
        className.Length == 0 ? className : char.ToLower(className[0], VietnameseText.Culture) + className[1..];

    private static string Slug(ClassFacts c) => string.Create(CultureInfo.InvariantCulture, $"lop-{c.Number}-{c.Year}");
}
