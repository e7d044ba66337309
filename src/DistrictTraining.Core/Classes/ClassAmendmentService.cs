using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Classes;

public sealed record AmendmentLine(
    int Id, ClassPart Parts, string Reason, DateTime OpenedAt, string OpenedBy, DateTime? ClosedAt, string? ClosedBy, string? Outcome)
{
    public string PartsText => ClassLifecycle.PartName(Parts);

    public bool IsOpen => ClosedAt is null;
}

/// <summary>A valid certificate of the class whose basis no longer stands (<see cref="CertificateBasis"/>).</summary>
public sealed record CertificateAtRisk(int CertificateId, int EnrolmentId, string FullName, string SerialLabel, string Why);

/// <summary>The amendments of a decided class and the certificates they put at risk.</summary>
public sealed record ClassAmendments(ClassStatus Status, IReadOnlyList<AmendmentLine> Lines, IReadOnlyList<CertificateAtRisk> AtRisk)
{
    public AmendmentLine? Open => Lines.FirstOrDefault(l => l.IsOpen);

    public bool CanOpen => Status == ClassStatus.Decided && Open is null;
}

/// <summary>
/// Corrections of a decided class (<see cref="ClassAmendment"/>): opened with a reason and the parts to reopen,
/// closed when done. Closing refreezes the class and records what it changed for the certificates.
/// </summary>
public sealed class ClassAmendmentService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    public async Task<ClassAmendments?> GetAsync(int classId, CancellationToken cancellationToken = default)
    {
        var status = await Readable(classId).Select(c => (ClassStatus?)c.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return null;
        }

        var lines = await db.ClassAmendments.Where(a => a.ClassId == classId).OrderByDescending(a => a.Id)
            .Select(a => new AmendmentLine(a.Id, a.Parts, a.Reason, a.OpenedAt, a.OpenedBy, a.ClosedAt, a.ClosedBy, a.Outcome))
            .ToListAsync(cancellationToken);
        return new ClassAmendments(status.Value, lines, await AtRiskAsync(classId, cancellationToken));
    }

    /// <summary>The class's valid certificates whose basis fell, in roster order.</summary>
    public async Task<IReadOnlyList<CertificateAtRisk>> AtRiskAsync(int classId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Certificates.Where(c => c.Enrolment!.ClassId == classId).Where(CertificateBasis.Fallen)
            .OrderBy(c => c.Enrolment!.Trainee!.SortKey)
            .Select(c => new
            {
                c.Id, c.EnrolmentId, c.Enrolment!.Trainee!.FullName, c.Year, c.SerialNumber, EnrolmentStatus = c.Enrolment.Status,
                Completed = (bool?)c.Enrolment.Result!.Completed, c.Enrolment.Result!.NotCompletedReason,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CertificateAtRisk(
            r.Id, r.EnrolmentId, r.FullName, CertificateRules.SerialLabel(r.Year, r.SerialNumber),
            CertificateBasis.Why(r.EnrolmentStatus, r.Completed, r.NotCompletedReason))).ToList();
    }

    public async Task OpenAsync(int classId, ClassPart parts, string? reason, CancellationToken cancellationToken = default)
    {
        var trainingClass = await EditableAsync(classId, cancellationToken);
        var hasOpen = await db.ClassAmendments.AnyAsync(a => a.ClassId == classId && a.ClosedAt == null, cancellationToken);
        var cleanReason = reason is null ? null : VietnameseText.Clean(reason);
        if (ClassLifecycle.AmendmentBlockedReason(trainingClass.Status, hasOpen, parts, cleanReason) is { } blocked)
        {
            throw new DomainException(blocked);
        }

        db.ClassAmendments.Add(new ClassAmendment
        {
            ClassId = classId,
            Parts = parts & ClassLifecycle.AllParts,
            Reason = cleanReason!,
            OpenedAt = clock.GetUtcNow().UtcDateTime,
            OpenedBy = db.CurrentUserName,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Closes the open amendment: the class is frozen again; returns what it found for the certificates.</summary>
    public async Task<string> CloseAsync(int classId, CancellationToken cancellationToken = default)
    {
        await EditableAsync(classId, cancellationToken);
        var amendment = await db.ClassAmendments.FirstOrDefaultAsync(a => a.ClassId == classId && a.ClosedAt == null, cancellationToken)
            ?? throw new DomainException("Lớp không có điều chỉnh nào đang mở.");

        // Outcomes follow attendance and scores; bring the stored ones in step before judging the certificates.
        await ClassRecords.RefreshOutcomesAsync(db, classId, cancellationToken);
        var atRisk = await AtRiskAsync(classId, cancellationToken);
        amendment.Outcome = atRisk.Count == 0
            ? "Không giấy chứng nhận nào bị ảnh hưởng."
            : $"{atRisk.Count} giấy chứng nhận không còn đủ căn cứ, cần thu hồi hoặc cấp lại: "
              + string.Join("; ", atRisk.Select(r => $"{r.SerialLabel} – {r.FullName} ({r.Why})")) + ".";
        amendment.ClosedAt = clock.GetUtcNow().UtcDateTime;
        amendment.ClosedBy = db.CurrentUserName;
        await db.SaveChangesAsync(cancellationToken);
        return amendment.Outcome;
    }

    private IQueryable<TrainingClass> Readable(int classId) => ClassRecords.Visible(db, scope, classId);

    private async Task<TrainingClass> EditableAsync(int classId, CancellationToken cancellationToken)
    {
        if (!scope.CanEdit)
        {
            throw new DomainException("Tài khoản này không được lập điều chỉnh lớp học.");
        }

        return await db.TrainingClasses.FirstOrDefaultAsync(c => c.Id == classId && c.CentreId == scope.CentreId, cancellationToken)
            ?? throw new DomainException("Không tìm thấy lớp học, hoặc lớp không thuộc trung tâm của bạn.");
    }
}
