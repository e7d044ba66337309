using System.Globalization;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Lecturers;

namespace DistrictTraining.Core.Reports;

/// <summary>
/// What every report is filtered by. The period is a year (default this year), a half of it, or a
/// date range, matched against a class's start date; the rest is optional.
/// </summary>
public sealed record ReportFilter
{
    public int? Year { get; init; }

    /// <summary>1 for the first half (January–June), 2 for the second; ignored with a date range.</summary>
    public int? Half { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public int? ProgrammeId { get; init; }

    /// <summary>A unit: its records, those of units merged into it and of units under it.</summary>
    public int? UnitId { get; init; }

    /// <summary>Only for the provincial office, which reads every centre; others always get their own.</summary>
    public int? CentreId { get; init; }
}

/// <summary>The days a report covers, both included, and how the period is written on it.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, string Label, int? Half, bool IsRange = false)
{
    /// <summary>
    /// The years whose annual plans the period is measured against: its year (a half-year is measured
    /// against the whole year's plan, as the half-year reports do), or every year a date range touches.
    /// </summary>
    public IReadOnlyList<int> PlanYears => [.. Enumerable.Range(From.Year, To.Year - From.Year + 1)];

    public static ReportPeriod Resolve(ReportFilter filter, DateOnly today)
    {
        if (filter.From is not null || filter.To is not null)
        {
            var from = filter.From ?? new DateOnly(filter.To!.Value.Year, 1, 1);
            var to = filter.To ?? new DateOnly(from.Year, 12, 31);
            if (from > to)
            {
                throw new DomainException("Ngày bắt đầu phải trước hoặc cùng ngày kết thúc.");
            }

            if (from.Year < 2000 || to.Year > 2100)
            {
                throw new DomainException("Thời gian báo cáo phải trong khoảng từ năm 2000 đến năm 2100.");
            }

            return new ReportPeriod(from, to, $"Từ ngày {Day(from)} đến ngày {Day(to)}", null, IsRange: true);
        }

        var year = filter.Year ?? today.Year;
        if (year is < 2000 or > 2100)
        {
            throw new DomainException("Năm báo cáo phải từ 2000 đến 2100.");
        }

        return filter.Half switch
        {
            1 => new ReportPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 6, 30), $"6 tháng đầu năm {year}", 1),
            2 => new ReportPeriod(new DateOnly(year, 7, 1), new DateOnly(year, 12, 31), $"6 tháng cuối năm {year}", 2),
            _ => new ReportPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), $"Năm {year}", null),
        };
    }

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}

/// <summary>
/// What a report says about itself: the issuing body for the title block, the period, and the
/// centre, unit and programme it is limited to (null: all).
/// </summary>
public sealed record ReportHeading(
    IReadOnlyList<string> IssuingBody,
    string? PlaceAndDate,
    ReportPeriod Period,
    string? CentreName,
    string? UnitName,
    string? ProgrammeName)
{
    /// <summary>The line under a report's title: "Năm 2025 – Đơn vị: Xã Cát Hanh – Chương trình: …".</summary>
    public string Subtitle => string.Join(" – ", new[]
    {
        Period.Label,
        UnitName is null ? null : "Đơn vị: " + UnitName,
        ProgrammeName is null ? null : "Chương trình: " + ProgrammeName,
    }.Where(s => s is not null));
}

/// <summary>A unit liaison asked for another unit, or a centre user for another centre.</summary>
public sealed class ReportAccessException(string message) : DomainException(message);

// ------------------------------------------------------------------ a. summary by programme

/// <summary>
/// One programme: classes held and trainee-attendances (lượt học viên) against the plan. A null plan
/// means no plan line at all, shown "—" (a plan of 0 is a plan).
/// </summary>
public sealed record SummaryRow(int? ProgrammeId, string Name, int? PlannedClasses, int HeldClasses, int? PlannedTrainees, int Trainees)
{
    public double? ClassShare => ReportFormat.Share(HeldClasses, PlannedClasses);

    public double? TraineeShare => ReportFormat.Share(Trainees, PlannedTrainees);
}

public sealed record SummaryReport(ReportHeading Heading, IReadOnlyList<SummaryRow> Rows, SummaryRow Total);

// ------------------------------------------------------------------ b. by unit

public sealed record ProgrammeColumn(int Id, string Name);

/// <summary>
/// Trainee-attendances of one unit per programme (in <see cref="UnitReport.Programmes"/> order).
/// <see cref="UnitName"/> is the unit's own name, the one in force when its people enrolled;
/// <see cref="MergedIntoName"/> is the unit it belongs to today when it has since been merged.
/// </summary>
public sealed record UnitRow(int? UnitId, string UnitName, int? MergedIntoId, string? MergedIntoName, IReadOnlyList<int> Counts, int Total);

public sealed record UnitReport(
    ReportHeading Heading,
    IReadOnlyList<ProgrammeColumn> Programmes,
    IReadOnlyList<UnitRow> Rows,
    IReadOnlyList<UnitRow> CurrentUnits,
    IReadOnlyList<int> ProgrammeTotals,
    int Total);

/// <summary>One trainee-attendance: who, from which unit (as it was then, and where it belongs today), which class, what result.</summary>
public sealed record AttendanceLine(
    string FullName,
    PartialDate? Birth,
    Sex? Sex,
    string UnitName,
    string? MergedIntoName,
    string ProgrammeName,
    string ClassLabel,
    DateOnly? StartDate,
    string? Result);

// ------------------------------------------------------------------ c. cadre qualification

/// <summary>
/// One commune's Party-committee members (and secretaries): how many, how many hold trung cấp LLCT
/// or above, how many were sent to higher-level training in the period (by the course's level: sơ cấp; trung cấp;
/// cao cấp, cử nhân or sau đại học) and how many completed such a course in the period.
/// </summary>
public sealed record CadreRow(
    int? UnitId,
    string UnitName,
    int Members,
    int MembersQualified,
    int Secretaries,
    int SecretariesQualified,
    int SentElementary,
    int SentIntermediate,
    int SentAdvanced,
    int Completed)
{
    public double? MemberShare => ReportFormat.Share(MembersQualified, Members);

    public double? SecretaryShare => ReportFormat.Share(SecretariesQualified, Secretaries);
}

public sealed record LevelCount(Trainees.TheoryLevel Level, string Name, int Count);

public sealed record CadreReport(ReportHeading Heading, IReadOnlyList<CadreRow> Rows, CadreRow Total, IReadOnlyList<LevelCount> SentByLevel);

// ------------------------------------------------------------------ d. lecturer periods

public sealed record LecturerRow(int? LecturerId, string Name, LecturerKind? Kind, string? Position, int Classes, int Sessions, int Periods);

public sealed record LecturerReport(
    ReportHeading Heading,
    IReadOnlyList<LecturerRow> FullTime,
    LecturerRow FullTimeTotal,
    IReadOnlyList<LecturerRow> PartTime,
    LecturerRow PartTimeTotal,
    LecturerRow Total);

// ------------------------------------------------------------------ e. grades and certificates

/// <summary>
/// One programme's results: a count per grade (in <see cref="GradeReport.Grades"/> order), those who
/// completed without a grade (attendance-only programmes), those who did not complete, and
/// trainees still without a result.
/// </summary>
public sealed record GradeRow(int? ProgrammeId, string Name, IReadOnlyList<int> GradeCounts, int CompletedUngraded, int NotCompleted, int NoResult, int Trainees);

/// <summary>Certificates issued in the period (every issue, reissues included) and their status today.</summary>
public sealed record CertificateRow(int? ProgrammeId, string Name, int Issued, int Reissued, int Valid, int Superseded, int Revoked);

public sealed record GradeReport(
    ReportHeading Heading,
    IReadOnlyList<string> Grades,
    IReadOnlyList<GradeRow> Rows,
    GradeRow Total,
    IReadOnlyList<CertificateRow> Certificates,
    CertificateRow CertificateTotal);

// ------------------------------------------------------------------ dashboard

/// <summary>One year of the trend (the same half of each year when a half is chosen); plans are yearly.</summary>
public sealed record TrendPoint(int Year, int HeldClasses, int Trainees, int? PlannedClasses, int? PlannedTrainees);

/// <summary>
/// A unit served by the centre (as it is today): its planned trainees and its trainee-attendances. The last row
/// may be the trainees sent by no known unit (<see cref="UnitId"/> null), so that the rows add up to the total.
/// </summary>
public sealed record UnitPlanRow(int? UnitId, string Name, int? PlannedTrainees, int Trainees)
{
    public double? Share => ReportFormat.Share(Trainees, PlannedTrainees);
}

public sealed record Dashboard(
    ReportHeading Heading,
    SummaryReport Summary,
    string TrendLabel,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<UnitPlanRow> Units,
    GradeReport Grades);

/// <summary>The choices of the report filters: years with classes, programmes, units the user may ask for, centres.</summary>
public sealed record ReportChoices(
    IReadOnlyList<int> Years,
    IReadOnlyList<Identity.Choice> Programmes,
    IReadOnlyList<Identity.Choice> Units,
    IReadOnlyList<Identity.Choice> Centres,
    bool UnitFixed);
