using System.Linq.Expressions;

namespace DistrictTraining.Core.Classes;

/// <summary>
/// The parts of a class that its completion decision and certificates rest on. After the decision they
/// are frozen; an amendment (<see cref="ClassAmendment"/>) reopens only the parts it names.
/// </summary>
[Flags]
public enum ClassPart
{
    None = 0,

    /// <summary>Sessions and their periods.</summary>
    Timetable = 1,

    /// <summary>What a certificate prints of the class: programme, number, year, start and end dates.</summary>
    ClassFacts = 2,

    /// <summary>Adding, withdrawing, and the roles of trainees.</summary>
    Roster = 4,

    Attendance = 8,

    Results = 16,
}

/// <summary>
/// The class lifecycle in one place: planned → open → finished → decided, or cancelled before the
/// decision. What each status allows is decided here and nowhere else; services ask, pages show the answer.
/// <list type="bullet">
/// <item>Attendance needs an open class; the first mark on a planned class opens it.</item>
/// <item>Results need a class that has begun (open or finished).</item>
/// <item>The completion decision needs a finished class and makes it decided.</item>
/// <item>A decided class is frozen (timetable, class facts, roster, attendance, results) except what an open amendment names.</item>
/// <item>Reports count a class as held when it is open, finished or decided (<see cref="IsHeld"/>), so certificates,
/// which need a decided class, never appear without their class.</item>
/// </list>
/// </summary>
public static class ClassLifecycle
{
    /// <summary>Every part a decision freezes.</summary>
    public const ClassPart AllParts = ClassPart.Timetable | ClassPart.ClassFacts | ClassPart.Roster | ClassPart.Attendance | ClassPart.Results;

    /// <summary>
    /// The one definition of a held class, for every report, the dashboard and the plan's achievement
    /// (ReportService repeats it once over enrolments, where an expression over the class cannot be reused).
    /// </summary>
    public static readonly Expression<Func<TrainingClass, bool>> IsHeld =
        c => c.Status == ClassStatus.Open || c.Status == ClassStatus.Finished || c.Status == ClassStatus.Decided;

    public static bool Held(ClassStatus status) => status is ClassStatus.Open or ClassStatus.Finished or ClassStatus.Decided;

    public static string PartName(ClassPart part) => part switch
    {
        ClassPart.Timetable => "thời khóa biểu (buổi học, số tiết)",
        ClassPart.ClassFacts => "thông tin lớp in trên giấy chứng nhận (chương trình, số lớp, năm, ngày khai giảng, bế giảng)",
        ClassPart.Roster => "danh sách học viên",
        ClassPart.Attendance => "điểm danh",
        ClassPart.Results => "điểm và kết quả",
        _ => string.Join("; ", Enum.GetValues<ClassPart>().Where(p => p != ClassPart.None && part.HasFlag(p)).Select(PartName)),
    };

    /// <summary>The parts in <paramref name="parts"/>, one by one.</summary>
    public static IReadOnlyList<ClassPart> Each(ClassPart parts) =>
        Enum.GetValues<ClassPart>().Where(p => p != ClassPart.None && parts.HasFlag(p)).ToList();

    /// <summary>
    /// Why <paramref name="part"/> of a class cannot be changed now, or null when it can.
    /// <paramref name="amended"/> is what the class's open amendment reopens (none when there is none).
    /// </summary>
    public static string? ChangeBlockedReason(ClassStatus status, ClassPart part, ClassPart amended = ClassPart.None, string? decisionText = null)
    {
        var what = PartName(part);
        return status switch
        {
            ClassStatus.Cancelled => $"Lớp đã hủy: không thể sửa {what}.",
            ClassStatus.Decided when (amended & part) != part =>
                $"Lớp đã có quyết định công nhận hoàn thành{(decisionText is null ? "" : " " + decisionText)}: {what} đã được chốt. "
                + "Muốn sửa, hãy lập điều chỉnh (ghi rõ lý do và phần cần sửa) trên trang lớp học.",
            ClassStatus.Planned when part == ClassPart.Results => "Lớp chưa khai giảng: chưa thể nhập điểm. Hãy khai giảng lớp và điểm danh trước.",
            _ => null,
        };
    }

    /// <summary>"số 25-QĐ/TTCT ngày 14/11/2026", or null without a decision.</summary>
    public static string? DecisionText(string? number, DateOnly? date) =>
        number is not null && date is { } d ? $"số {number} ngày {d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}" : null;

    /// <summary>Marking attendance in a planned class opens it (the page says so).</summary>
    public static bool OpensWithFirstMark(ClassStatus status) => status == ClassStatus.Planned;

    /// <summary>Why the completion decision cannot be recorded (or corrected) now, or null.</summary>
    public static string? DecisionBlockedReason(ClassStatus status, bool hasValidCertificates) => status switch
    {
        ClassStatus.Cancelled => "Lớp đã hủy: không thể ghi quyết định công nhận hoàn thành.",
        ClassStatus.Planned or ClassStatus.Open =>
            $"Lớp đang ở trạng thái \"{TrainingClass.StatusName(status)}\": chỉ ghi quyết định công nhận hoàn thành sau khi kết thúc lớp (nút \"Kết thúc lớp\" trên trang lớp học).",
        ClassStatus.Decided when hasValidCertificates =>
            "Lớp đã cấp giấy chứng nhận theo quyết định này: không sửa quyết định được nữa. Nếu quyết định có sai sót, hãy thu hồi hoặc cấp lại giấy chứng nhận theo quy định.",
        _ => null,
    };

    /// <summary>Why an amendment cannot be opened, or null.</summary>
    public static string? AmendmentBlockedReason(ClassStatus status, bool hasOpenAmendment, ClassPart parts, string? reason)
    {
        if (status != ClassStatus.Decided)
        {
            return "Chỉ lập điều chỉnh cho lớp đã có quyết định công nhận hoàn thành; trước đó cứ sửa trực tiếp.";
        }

        if (hasOpenAmendment)
        {
            return "Lớp đang có một điều chỉnh chưa kết thúc: hãy kết thúc điều chỉnh đó trước.";
        }

        if ((parts & AllParts) == ClassPart.None)
        {
            return "Hãy chọn ít nhất một phần cần điều chỉnh.";
        }

        return string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10
            ? "Hãy ghi rõ lý do điều chỉnh (ít nhất 10 ký tự): người sau sẽ đọc lý do này trong hồ sơ lớp."
            : null;
    }
}
