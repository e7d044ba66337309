using System.Globalization;
using System.Runtime.CompilerServices;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Excel;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Certificates;

/// <summary>What the master register is filtered by; <see cref="CentreId"/> counts only for a user who reads every centre.</summary>
public sealed record RegisterFilter(int Year, int? ProgrammeId = null, int? ClassId = null, CertificateState? State = null, string? Name = null, int? CentreId = null);

/// <summary>One entry of the master register (sổ gốc), ready to show.</summary>
public sealed record RegisterLine(
    int Id, string RegisterLabel, string SerialLabel, string FullName, string? Birth, string ProgrammeName, int ClassId,
    string ClassLabel, DateOnly IssueDate, string? GradeName, CertificateState State, string StateText, string? Note);

public sealed record RegisterClassChoice(int Id, string Name);

public sealed record RegisterPage(
    int CentreId, string CentreName, RegisterFilter Filter, PagedList<RegisterLine> Lines, IReadOnlyList<int> Years,
    IReadOnlyList<Choice> Programmes, IReadOnlyList<RegisterClassChoice> Classes, IReadOnlyList<Choice> Centres);

/// <summary>A class with a completion decision, and how far its certificates have got.</summary>
public sealed record DecidedClass(
    int Id, string ProgrammeName, string ClassLabel, string? DecisionNumber, DateOnly? DecisionDate, int Completed, int Issued, int Pending);

/// <summary>
/// The master register (sổ gốc cấp giấy chứng nhận) of the user's centre: every certificate of a year
/// in number order with its status, as a page, a print view and a streamed Excel export.
/// </summary>
public sealed class CertificateRegisterService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>The print view shows at most this many entries; beyond it, the Excel export.</summary>
    public const int PrintLimit = 5000;

    public static readonly IReadOnlyList<string> ExportHeaders =
        ["Số vào sổ", "Số hiệu", "Họ và tên", "Ngày sinh", "Chương trình", "Lớp", "Ngày cấp", "Xếp loại", "Trạng thái", "Ghi chú"];

    public async Task<RegisterPage?> GetPageAsync(RegisterFilter filter, int page, CancellationToken cancellationToken = default)
    {
        var centre = await CentreAsync(filter.CentreId, cancellationToken);
        if (centre is null)
        {
            return null;
        }

        var query = Rows(Filtered(filter, centre.Value.Id));
        var rows = await PagedList<RegisterRow>.CreateAsync(query, page, PageSize, cancellationToken);
        var today = clock.VietnamToday();
        var lines = new PagedList<RegisterLine>(rows.Items.Select(r => r.ToLine(today)).ToList(), rows.Page, rows.PageSize, rows.TotalCount);

        var years = await db.Certificates.Where(c => c.CentreId == centre.Value.Id).Select(c => c.Year).Distinct().ToListAsync(cancellationToken);
        years.Add(today.Year);
        years.Add(filter.Year);
        var programmes = await db.Programmes.OrderBy(p => p.DisplayOrder).ThenBy(p => p.Name)
            .Where(p => p.Certificate != CertificateKind.None && p.Certificate != CertificateKind.IssuedByProvincialSchool)
            .Select(p => new Choice(p.Id, p.Name))
            .ToListAsync(cancellationToken);
        // The year's classes from the year's certificates (one pass over them), not a look-up in them per class of the
        // centre: without statistics SQLite ran the latter as a scan of the year's certificates per class (1.2 s).
        var classIds = db.Certificates.Where(c => c.CentreId == centre.Value.Id && c.Year == filter.Year).Select(c => c.Enrolment!.ClassId).Distinct();
        var classes = await db.TrainingClasses
            .Where(t => t.CentreId == centre.Value.Id && classIds.Contains(t.Id))
            .OrderBy(t => t.Programme!.DisplayOrder).ThenBy(t => t.Year).ThenBy(t => t.Number)
            .Select(t => new { t.Id, t.Programme!.Name, t.Number, t.Year })
            .ToListAsync(cancellationToken);
        var centres = scope.AllCentres
            ? await db.TrainingCentres.OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(cancellationToken)
            : [];
        return new RegisterPage(
            centre.Value.Id, centre.Value.Name, filter with { CentreId = centre.Value.Id }, lines,
            years.Distinct().OrderDescending().ToList(), programmes,
            classes.Select(c => new RegisterClassChoice(c.Id, $"{c.Name}, {CertificateService.Label(c.Number, c.Year)}")).ToList(), centres);
    }

    /// <summary>Every entry the filter selects, for the print view: at most <see cref="PrintLimit"/>; null when there are more.</summary>
    public async Task<(string CentreName, IReadOnlyList<RegisterLine>? Lines, int Total)?> GetPrintAsync(RegisterFilter filter, CancellationToken cancellationToken = default)
    {
        var centre = await CentreAsync(filter.CentreId, cancellationToken);
        if (centre is null)
        {
            return null;
        }

        var query = Filtered(filter, centre.Value.Id);
        var total = await query.CountAsync(cancellationToken);
        if (total > PrintLimit)
        {
            return (centre.Value.Name, null, total);
        }

        var today = clock.VietnamToday();
        var rows = await Rows(query).ToListAsync(cancellationToken);
        return (centre.Value.Name, rows.Select(r => r.ToLine(today)).ToList(), total);
    }

    /// <summary>
    /// The register as an .xlsx workbook. Rows stream from the database straight into the writer
    /// (one row in memory at a time), so a register of any size costs the same memory.
    /// </summary>
    public async Task<XlsxFile?> ExportAsync(RegisterFilter filter, CancellationToken cancellationToken = default)
    {
        var centreId = (await CentreAsync(filter.CentreId, cancellationToken))?.Id;
        if (centreId is null)
        {
            return null;
        }

        var centre = await db.TrainingCentres.Where(c => c.Id == centreId).Select(c => new { c.Name, c.ParentBodyName, c.PlaceName }).FirstAsync(cancellationToken);
        var today = clock.VietnamToday();
        var report = new ExcelReport
        {
            SheetName = string.Create(CultureInfo.InvariantCulture, $"Sổ gốc {filter.Year}"),
            IssuingBody = TrainingCentre.IssuingBodyLines(centre.ParentBodyName, centre.Name),
            RightHeading = [ExcelReport.PartyHeading],
            PlaceAndDate = CertificateRules.PlaceAndDate(centre.PlaceName, today),
            Title = "SỔ GỐC CẤP GIẤY CHỨNG NHẬN",
            Period = string.Create(CultureInfo.InvariantCulture, $"Năm {filter.Year}"),
            Columns =
            [
                new ExcelColumn(ExportHeaders[0], 11) { Alignment = ExcelAlignment.Center },
                new ExcelColumn(ExportHeaders[1], 14) { Alignment = ExcelAlignment.Center },
                new ExcelColumn(ExportHeaders[2], 26),
                new ExcelColumn(ExportHeaders[3], 12, ExcelCellKind.Date),
                new ExcelColumn(ExportHeaders[4], 34),
                new ExcelColumn(ExportHeaders[5], 16),
                new ExcelColumn(ExportHeaders[6], 12, ExcelCellKind.Date),
                new ExcelColumn(ExportHeaders[7], 11),
                new ExcelColumn(ExportHeaders[8], 28),
                new ExcelColumn(ExportHeaders[9], 30),
            ],
        };
        var source = Rows(Filtered(filter, centreId.Value)).AsAsyncEnumerable();
        return await XlsxReportWriter.CreateAsync(report, ExportRows(source, today, cancellationToken), cancellationToken: cancellationToken);
    }

    /// <summary>Classes with a completion decision whose certificates are awaited, or decided in <paramref name="year"/>.</summary>
    public async Task<IReadOnlyList<DecidedClass>> DecidedClassesAsync(int year, int? centreId = null, CancellationToken cancellationToken = default)
    {
        var centre = await CentreAsync(centreId, cancellationToken);
        if (centre is null)
        {
            return [];
        }

        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var rows = await db.TrainingClasses
            .Where(t => t.CentreId == centre.Value.Id && t.CompletionDecisionNumber != null && t.CompletionDecisionDate != null
                && t.Status != ClassStatus.Cancelled
                && t.Programme!.Certificate != CertificateKind.None && t.Programme.Certificate != CertificateKind.IssuedByProvincialSchool)
            .Select(t => new
            {
                t.Id, t.Programme!.Name, t.Number, t.Year, t.CompletionDecisionNumber, t.CompletionDecisionDate,
                Completed = t.Enrolments.Count(e => e.Status == EnrolmentStatus.Active && e.Result!.Completed == true),
                Issued = t.Enrolments.Count(e => db.Certificates.Any(c => c.EnrolmentId == e.Id)),
                Pending = t.Enrolments.Count(e => e.Status == EnrolmentStatus.Active && e.Result!.Completed == true && !db.Certificates.Any(c => c.EnrolmentId == e.Id)),
            })
            .Where(t => t.Pending > 0 || (t.CompletionDecisionDate >= first && t.CompletionDecisionDate <= last))
            .OrderByDescending(t => t.Pending > 0).ThenByDescending(t => t.CompletionDecisionDate).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new DecidedClass(
            r.Id, r.Name, CertificateService.Label(r.Number, r.Year), r.CompletionDecisionNumber, r.CompletionDecisionDate,
            r.Completed, r.Issued, r.Pending)).ToList();
    }

    private static async IAsyncEnumerable<object?[]> ExportRows(
        IAsyncEnumerable<RegisterRow> source, DateOnly today, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One array for every row: the writer copies each row out before asking for the next.
        var row = new object?[ExportHeaders.Count];
        await foreach (var r in source.WithCancellation(cancellationToken))
        {
            var line = r.ToLine(today);
            row[0] = line.RegisterLabel;
            row[1] = line.SerialLabel;
            row[2] = line.FullName;
            row[3] = r.DateOfBirth is { } birth ? PartialDate.From(birth, r.BirthYearOnly) : null;
            row[4] = line.ProgrammeName;
            row[5] = line.ClassLabel;
            row[6] = line.IssueDate;
            row[7] = line.GradeName;
            row[8] = line.StateText;
            row[9] = line.Note;
            yield return row;
        }
    }

    private IQueryable<Certificate> Filtered(RegisterFilter filter, int centreId)
    {
        var query = db.Certificates.Where(c => c.CentreId == centreId && c.Year == filter.Year);
        if (filter.ProgrammeId is { } programmeId)
        {
            query = query.Where(c => c.Enrolment!.Class!.ProgrammeId == programmeId);
        }

        if (filter.ClassId is { } classId)
        {
            query = query.Where(c => c.Enrolment!.ClassId == classId);
        }

        var key = VietnameseText.SearchKey(filter.Name);
        if (key.Length > 0)
        {
            query = query.Where(c => c.Enrolment!.Trainee!.SearchKey.Contains(key));
            if (TraineeNameSearch.IndexedIds(db, key) is { } ids)
            {
                query = query.Where(c => ids.Contains(c.Enrolment!.TraineeId));
            }
        }

        var today = clock.VietnamToday();
        query = filter.State switch
        {
            CertificateState.Valid => query.Where(c => c.Status == CertificateStatus.Valid && (c.ValidUntil == null || c.ValidUntil >= today)),
            CertificateState.Expired => query.Where(c => c.Status == CertificateStatus.Valid && c.ValidUntil != null && c.ValidUntil < today),
            CertificateState.Superseded => query.Where(c => c.Status == CertificateStatus.Superseded),
            CertificateState.Revoked => query.Where(c => c.Status == CertificateStatus.Revoked),
            _ => query,
        };
        return query;
    }

    private IQueryable<RegisterRow> Rows(IQueryable<Certificate> query)
    {
        var fallen = CertificateBasis.Fallen; // inlined by EF into the subquery below
        return query.OrderBy(c => c.RegisterNumber)
            .Select(c => new RegisterRow(
                c.Id, c.Year, c.RegisterNumber, c.SerialNumber, c.Enrolment!.Trainee!.FullName, c.Enrolment.Trainee.DateOfBirth,
                c.Enrolment.Trainee.BirthYearOnly, c.Enrolment.Class!.Programme!.Name, c.Enrolment.ClassId, c.Enrolment.Class.Number,
                c.Enrolment.Class.Year, c.IssueDate, c.GradeName, c.Status, c.ValidUntil, c.RevocationReason, c.ReissueReason,
                c.Replaces != null ? (int?)c.Replaces.Year : null,
                c.Replaces != null ? (int?)c.Replaces.SerialNumber : null,
                db.Certificates.Where(n => n.ReplacesCertificateId == c.Id).Select(n => (int?)n.Year).FirstOrDefault(),
                db.Certificates.Where(n => n.ReplacesCertificateId == c.Id).Select(n => (int?)n.SerialNumber).FirstOrDefault(),
                db.Certificates.Where(fallen).Any(f => f.Id == c.Id)));
    }

    /// <summary>The user's centre, or for a user who reads every centre the one asked for (else the first).</summary>
    private async Task<(int Id, string Name)?> CentreAsync(int? requested, CancellationToken cancellationToken)
    {
        var query = db.TrainingCentres.AsQueryable();
        if (scope.AllCentres)
        {
            query = requested is { } id ? query.Where(c => c.Id == id) : query.OrderBy(c => c.Name);
        }
        else if (scope.CentreId is { } own)
        {
            query = query.Where(c => c.Id == own);
        }
        else
        {
            return null;
        }

        var centre = await query.Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(cancellationToken);
        return centre is null ? null : (centre.Id, centre.Name);
    }

    internal sealed record RegisterRow(
        int Id, int Year, int RegisterNumber, int SerialNumber, string FullName, DateOnly? DateOfBirth, bool BirthYearOnly,
        string ProgrammeName, int ClassId, int ClassNumber, int ClassYear, DateOnly IssueDate, string? GradeName,
        CertificateStatus Status, DateOnly? ValidUntil, string? RevocationReason, string? ReissueReason,
        int? ReplacesYear, int? ReplacesSerial, int? ReplacedByYear, int? ReplacedBySerial, bool BasisFallen)
    {
        public RegisterLine ToLine(DateOnly today)
        {
            var state = CertificateRules.StateOn(Status, ValidUntil, today, basisStands: !BasisFallen);
            var replacedBy = ReplacedByYear is { } y && ReplacedBySerial is { } s ? CertificateRules.SerialLabel(y, s) : null;
            var note = ReplacesYear is { } ry && ReplacesSerial is { } rs
                ? $"Cấp lại thay số {CertificateRules.SerialLabel(ry, rs)} – lý do: {ReissueReason}"
                : null;
            return new RegisterLine(
                Id, CertificateRules.RegisterLabel(Year, RegisterNumber), CertificateRules.SerialLabel(Year, SerialNumber), FullName,
                CertificateService.Birth(DateOfBirth, BirthYearOnly), ProgrammeName, ClassId, CertificateService.Label(ClassNumber, ClassYear),
                IssueDate, GradeName, state, CertificateRules.StateText(state, replacedBy, RevocationReason, ValidUntil), note);
        }
    }
}
