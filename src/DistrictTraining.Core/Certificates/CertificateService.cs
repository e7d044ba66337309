using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DistrictTraining.Core.Certificates;

public sealed record ClassCertificateInfo(
    int ClassId, string ProgrammeName, string NumberLabel, string? Title, DateOnly? StartDate, DateOnly? EndDate,
    CertificateKind Kind, string? DecisionNumber, DateOnly? DecisionDate, string? DecisionSigner,
    string? DirectorName, string? IssueBlockedReason)
{
    public bool CanIssue => IssueBlockedReason is null;
}

/// <summary>One trainee of a class with their result and current certificate (the latest issue).</summary>
public sealed record ClassCertificateLine(
    int EnrolmentId, string FullName, string? Birth, bool Withdrawn, bool? Completed, string? GradeName, string? NotCompletedReason,
    int? CertificateId, string? SerialLabel, string? RegisterLabel, DateOnly? IssueDate, CertificateState? State)
{
    public bool AwaitsCertificate => !Withdrawn && Completed == true && CertificateId is null;
}

public sealed record ClassCertificatesView(ClassCertificateInfo Class, IReadOnlyList<ClassCertificateLine> Lines)
{
    public int PendingCount => Lines.Count(l => l.AwaitsCertificate);

    public int IssuedCount => Lines.Count(l => l.CertificateId is not null);
}

public sealed record IssueRequest(DateOnly IssueDate, string? SignerName = null, string? SignerTitle = null);

public sealed record IssueResult(int Count, string? FirstSerial, string? LastSerial, IReadOnlyList<string> Warnings)
{
    public string Summary => Count switch
    {
        0 => "Không còn học viên nào hoàn thành chương trình mà chưa được cấp giấy chứng nhận.",
        1 => $"Đã cấp 1 giấy chứng nhận, số hiệu {FirstSerial}.",
        _ => $"Đã cấp {Count} giấy chứng nhận, số hiệu từ {FirstSerial} đến {LastSerial}.",
    };
}

public sealed record ReissueRequest(ReissueReasonKind Kind, string? Detail, DateOnly IssueDate, string? SignerName = null, string? SignerTitle = null);

public sealed record CertificateLink(int Id, string SerialLabel, DateOnly IssueDate, string? Reason);

public sealed record CertificateDetails(
    int Id, int ClassId, int EnrolmentId, string SerialLabel, string RegisterLabel, string FullName, string? Birth,
    string ProgrammeName, string ClassLabel, DateOnly? StartDate, DateOnly? EndDate, DateOnly IssueDate,
    string SignerName, string? SignerTitle, string? GradeName, DateOnly? ValidUntil, CertificateState State,
    string? ReissueReason, string? RevocationReason, DateTime? StatusChangedAt, string VerificationCode,
    CertificateLink? Replaces, CertificateLink? ReplacedBy, string? DirectorName, string? PublicBaseUrl)
{
    public bool CanChange => State is CertificateState.Valid or CertificateState.Expired;
}

/// <summary>Everything printed on one certificate.</summary>
public sealed record PrintableCertificate(
    int Id, string DocumentTitle, string? ParentBody, string IssuingBody, string FullName, string? Birth,
    string ProgrammeName, string ClassLabel, DateOnly? StartDate, DateOnly? EndDate, string? GradeName,
    string PlaceAndDate, string SignerTitle, string SignerName, string SerialLabel, string RegisterLabel,
    string VerificationCode, CertificateState State, DateOnly? ValidUntil, string? PublicBaseUrl);

/// <summary>
/// Certificates of the user's centre: issuing a class's certificates in one step, reissue, revocation and
/// printing. Numbers come from the register's counter (<see cref="CertificateCounter"/>) in the same
/// transaction as the certificates; two staff issuing at once are told apart by the counter's
/// concurrency token and the loser retries, so numbers never repeat and never leave a gap.
/// </summary>
public sealed class CertificateService(AppDbContext db, IUserScope scope)
{
    /// <summary>How many times an issue is retried when another issue took the same numbers first.</summary>
    internal const int MaxAttempts = 12;


    public async Task<ClassCertificatesView?> GetClassAsync(int classId, CancellationToken cancellationToken = default)
    {
        var c = await ClassQuery(classId)
            .Select(c => new
            {
                c.Id, ProgrammeName = c.Programme!.Name, c.Number, c.Year, c.Title, c.StartDate, c.EndDate, c.Status,
                Kind = c.Programme.Certificate, c.CompletionDecisionNumber, c.CompletionDecisionDate, c.CompletionDecisionSigner,
                c.Centre!.DirectorName,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (c is null)
        {
            return null;
        }

        var hasDecision = c.CompletionDecisionNumber is not null && c.CompletionDecisionDate is not null;
        var info = new ClassCertificateInfo(
            c.Id, c.ProgrammeName, Label(c.Number, c.Year), c.Title, c.StartDate, c.EndDate, c.Kind,
            c.CompletionDecisionNumber, c.CompletionDecisionDate, c.CompletionDecisionSigner, c.DirectorName,
            CertificateRules.IssueBlockedReason(c.Kind, c.Status, hasDecision));

        var rows = await db.Enrolments
            .Where(e => e.ClassId == classId && (e.Status == EnrolmentStatus.Active || db.Certificates.Any(x => x.EnrolmentId == e.Id)))
            .OrderBy(e => e.Trainee!.SortKey).ThenBy(e => e.TraineeId)
            .Select(e => new
            {
                e.Id, e.Trainee!.FullName, e.Trainee.DateOfBirth, e.Trainee.BirthYearOnly, e.Status,
                Completed = (bool?)e.Result!.Completed, e.Result.GradeName, e.Result.NotCompletedReason,
                Certificate = db.Certificates.Where(x => x.EnrolmentId == e.Id).OrderByDescending(x => x.IssueSequence)
                    .Select(x => new { x.Id, x.Year, x.SerialNumber, x.RegisterNumber, x.IssueDate, x.Status, x.ValidUntil })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var today = CertificateRules.Today;
        var lines = rows.Select(r => new ClassCertificateLine(
            r.Id, r.FullName, Birth(r.DateOfBirth, r.BirthYearOnly), r.Status == EnrolmentStatus.Withdrawn,
            r.Completed, r.GradeName, r.NotCompletedReason, r.Certificate?.Id,
            r.Certificate is { } x ? CertificateRules.SerialLabel(x.Year, x.SerialNumber) : null,
            r.Certificate is { } y ? CertificateRules.RegisterLabel(y.Year, y.RegisterNumber) : null,
            r.Certificate?.IssueDate,
            r.Certificate is { } z ? CertificateRules.StateOn(z.Status, z.ValidUntil, today) : null)).ToList();
        return new ClassCertificatesView(info, lines);
    }

    /// <summary>
    /// Issues a certificate to every active trainee of the class who completed the programme and has
    /// none yet, numbered in roster order. Refused without the completion decision or for a programme
    /// whose certificate the centre does not issue; warns when issued late.
    /// </summary>
    public async Task<IssueResult> IssueForClassAsync(int classId, IssueRequest request, CancellationToken cancellationToken = default)
    {
        var today = CertificateRules.Today;
        var (block, decisionDate) = await WithNumbersAsync(async () =>
        {
            var trainingClass = await ClassQuery(classId).Include(c => c.Programme).Include(c => c.Centre)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("Không tìm thấy lớp học.");
            if (CertificateRules.IssueBlockedReason(trainingClass.Programme!.Certificate, trainingClass.Status, trainingClass.HasCompletionDecision) is { } blocked)
            {
                throw new DomainException(blocked);
            }

            CertificateRules.CheckIssueDate(request.IssueDate, trainingClass.CompletionDecisionDate, today);
            var (signerName, signerTitle) = Signer(request.SignerName, request.SignerTitle, trainingClass.Centre!);
            var pending = await db.Enrolments
                .Where(e => e.ClassId == classId && e.Status == EnrolmentStatus.Active && e.Result!.Completed == true
                    && !db.Certificates.Any(x => x.EnrolmentId == e.Id))
                .OrderBy(e => e.Trainee!.SortKey).ThenBy(e => e.TraineeId)
                .Select(e => new { e.Id, e.Result!.GradeName })
                .ToListAsync(cancellationToken);
            if (pending.Count == 0)
            {
                return ((NumberBlock?)null, trainingClass.CompletionDecisionDate);
            }

            var numbers = await TakeNumbersAsync(trainingClass.CentreId, request.IssueDate.Year, pending.Count, cancellationToken);
            var validUntil = CertificateRules.ValidUntil(request.IssueDate, trainingClass.Programme.ValidityMonths);
            for (var i = 0; i < pending.Count; i++)
            {
                db.Certificates.Add(new Certificate
                {
                    CentreId = trainingClass.CentreId,
                    EnrolmentId = pending[i].Id,
                    IssueSequence = 1,
                    Year = numbers.Year,
                    SerialNumber = numbers.Serial(i),
                    RegisterNumber = numbers.Register(i),
                    IssueDate = request.IssueDate,
                    SignerName = signerName,
                    SignerTitle = signerTitle,
                    GradeName = pending[i].GradeName,
                    ValidUntil = validUntil,
                    VerificationCode = VerificationCode.New(),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            return ((NumberBlock?)numbers, trainingClass.CompletionDecisionDate);
        }, cancellationToken);

        var warnings = new List<string>();
        if (block is not null && CertificateRules.LateIssueWarning(request.IssueDate, decisionDate) is { } late)
        {
            warnings.Add(late);
        }

        return block is { } b
            ? new IssueResult(b.Count, CertificateRules.SerialLabel(b.Year, b.FirstSerial), CertificateRules.SerialLabel(b.Year, b.Serial(b.Count - 1)), warnings)
            : new IssueResult(0, null, null, warnings);
    }

    public async Task<CertificateDetails?> GetAsync(int certificateId, CancellationToken cancellationToken = default)
    {
        var r = await CertificateQuery().Where(c => c.Id == certificateId)
            .Select(c => new
            {
                c.Id, c.Enrolment!.ClassId, c.EnrolmentId, c.Year, c.SerialNumber, c.RegisterNumber,
                c.Enrolment.Trainee!.FullName, c.Enrolment.Trainee.DateOfBirth, c.Enrolment.Trainee.BirthYearOnly,
                ProgrammeName = c.Enrolment.Class!.Programme!.Name, ClassNumber = c.Enrolment.Class.Number, ClassYear = c.Enrolment.Class.Year,
                c.Enrolment.Class.StartDate, c.Enrolment.Class.EndDate, c.IssueDate, c.SignerName, c.SignerTitle, c.GradeName,
                c.ValidUntil, c.Status, c.ReissueReason, c.RevocationReason, c.StatusChangedAt, c.VerificationCode,
                Replaces = c.Replaces == null ? null : new { c.Replaces.Id, c.Replaces.Year, c.Replaces.SerialNumber, c.Replaces.IssueDate },
                ReplacedBy = db.Certificates.Where(n => n.ReplacesCertificateId == c.Id)
                    .Select(n => new { n.Id, n.Year, n.SerialNumber, n.IssueDate, n.ReissueReason }).FirstOrDefault(),
                Centre = db.TrainingCentres.Where(t => t.Id == c.CentreId).Select(t => new { t.DirectorName, t.PublicBaseUrl }).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (r is null)
        {
            return null;
        }

        return new CertificateDetails(
            r.Id, r.ClassId, r.EnrolmentId, CertificateRules.SerialLabel(r.Year, r.SerialNumber), CertificateRules.RegisterLabel(r.Year, r.RegisterNumber),
            r.FullName, Birth(r.DateOfBirth, r.BirthYearOnly), r.ProgrammeName, Label(r.ClassNumber, r.ClassYear), r.StartDate, r.EndDate,
            r.IssueDate, r.SignerName, r.SignerTitle, r.GradeName, r.ValidUntil, CertificateRules.StateOn(r.Status, r.ValidUntil, CertificateRules.Today),
            r.ReissueReason, r.RevocationReason, r.StatusChangedAt, r.VerificationCode,
            r.Replaces is { } old ? new CertificateLink(old.Id, CertificateRules.SerialLabel(old.Year, old.SerialNumber), old.IssueDate, null) : null,
            r.ReplacedBy is { } next ? new CertificateLink(next.Id, CertificateRules.SerialLabel(next.Year, next.SerialNumber), next.IssueDate, next.ReissueReason) : null,
            r.Centre?.DirectorName, r.Centre?.PublicBaseUrl);
    }

    /// <summary>
    /// Issues a new certificate in place of a valid one (new numbers from the same register, the next
    /// issue sequence, a link to the old one); the old one becomes superseded. The new one keeps the
    /// old one's validity: a replacement does not extend it. Returns the new certificate's id.
    /// </summary>
    public async Task<int> ReissueAsync(int certificateId, ReissueRequest request, CancellationToken cancellationToken = default)
    {
        var reason = CertificateRules.ReissueReason(request.Kind, request.Detail);
        CheckReasonLength(reason);
        var today = CertificateRules.Today;
        return await WithNumbersAsync(async () =>
        {
            var old = await CertificateQuery().Include(c => c.Enrolment).ThenInclude(e => e!.Result)
                .FirstOrDefaultAsync(c => c.Id == certificateId, cancellationToken)
                ?? throw new DomainException("Không tìm thấy giấy chứng nhận.");
            CertificateRules.CheckIssueDate(request.IssueDate, null, today);
            if (request.IssueDate < old.IssueDate)
            {
                throw new DomainException($"Ngày cấp lại không được trước ngày cấp giấy chứng nhận cũ ({old.IssueDate:dd/MM/yyyy}).");
            }

            old.MarkSuperseded(DateTime.UtcNow);
            var centre = await db.TrainingCentres.FirstAsync(t => t.Id == old.CentreId, cancellationToken);
            var (signerName, signerTitle) = Signer(request.SignerName, request.SignerTitle, centre);
            var sequence = await db.Certificates.Where(c => c.EnrolmentId == old.EnrolmentId).MaxAsync(c => c.IssueSequence, cancellationToken) + 1;
            var numbers = await TakeNumbersAsync(old.CentreId, request.IssueDate.Year, 1, cancellationToken);
            var replacement = new Certificate
            {
                CentreId = old.CentreId,
                EnrolmentId = old.EnrolmentId,
                IssueSequence = sequence,
                Year = numbers.Year,
                SerialNumber = numbers.Serial(0),
                RegisterNumber = numbers.Register(0),
                IssueDate = request.IssueDate,
                SignerName = signerName,
                SignerTitle = signerTitle,
                GradeName = old.Enrolment?.Result?.GradeName ?? old.GradeName,
                ValidUntil = old.ValidUntil,
                VerificationCode = VerificationCode.New(),
                ReplacesCertificateId = old.Id,
                ReissueReason = reason,
            };
            db.Certificates.Add(replacement);
            await db.SaveChangesAsync(cancellationToken);
            return replacement.Id;
        }, cancellationToken);
    }

    /// <summary>Revokes a valid certificate with a reason. Nothing is deleted; the audit trail records who and when.</summary>
    public async Task RevokeAsync(int certificateId, string? reason, CancellationToken cancellationToken = default)
    {
        var text = VietnameseText.Clean(reason);
        CheckReasonLength(text);
        var certificate = await CertificateQuery().FirstOrDefaultAsync(c => c.Id == certificateId, cancellationToken)
            ?? throw new DomainException("Không tìm thấy giấy chứng nhận.");
        certificate.Revoke(text, DateTime.UtcNow);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The status is the certificate's concurrency token: someone else revoked or reissued it first.
            throw new DomainException("Giấy chứng nhận vừa được người khác thu hồi hoặc cấp lại. Trang đã được tải lại, hãy kiểm tra trạng thái hiện tại.");
        }
    }

    /// <summary>One certificate to print (any status: a superseded or revoked one is marked as such).</summary>
    public async Task<PrintableCertificate?> PrintableAsync(int certificateId, CancellationToken cancellationToken = default) =>
        (await PrintablesAsync(CertificateQuery().Where(c => c.Id == certificateId), cancellationToken)).FirstOrDefault();

    /// <summary>The certificates of a class still in force, in number order, to print in one document; null for an unknown class.</summary>
    public async Task<IReadOnlyList<PrintableCertificate>?> PrintableForClassAsync(int classId, CancellationToken cancellationToken = default)
    {
        if (!await ClassQuery(classId).AnyAsync(cancellationToken))
        {
            return null;
        }

        return await PrintablesAsync(
            CertificateQuery().Where(c => c.Enrolment!.ClassId == classId && c.Status == CertificateStatus.Valid), cancellationToken);
    }

    /// <summary>The numbers of a class label, "lớp thứ 3/2026".</summary>
    public static string Label(int number, int year) => $"lớp thứ {number}/{year}";

    internal static string? Birth(DateOnly? date, bool yearOnly) => date is { } d ? PartialDate.From(d, yearOnly).ToString() : null;

    private async Task<IReadOnlyList<PrintableCertificate>> PrintablesAsync(IQueryable<Certificate> query, CancellationToken cancellationToken)
    {
        var rows = await query.OrderBy(c => c.Year).ThenBy(c => c.SerialNumber)
            .Select(c => new
            {
                c.Id, Kind = c.Enrolment!.Class!.Programme!.Certificate, c.Enrolment.Class.Centre!.ParentBodyName, CentreName = c.Enrolment.Class.Centre.Name,
                c.Enrolment.Class.Centre.PlaceName, c.Enrolment.Class.Centre.PublicBaseUrl, c.Enrolment.Trainee!.FullName, c.Enrolment.Trainee.DateOfBirth, c.Enrolment.Trainee.BirthYearOnly,
                ProgrammeName = c.Enrolment.Class.Programme.Name, c.Enrolment.Class.Number, ClassYear = c.Enrolment.Class.Year,
                c.Enrolment.Class.StartDate, c.Enrolment.Class.EndDate, c.GradeName, c.IssueDate, c.SignerTitle, c.SignerName,
                c.Year, c.SerialNumber, c.RegisterNumber, c.VerificationCode, c.Status, c.ValidUntil,
            })
            .ToListAsync(cancellationToken);
        var today = CertificateRules.Today;
        return rows.Select(r => new PrintableCertificate(
            r.Id, CertificateRules.DocumentTitle(r.Kind), r.ParentBodyName, r.CentreName, r.FullName, Birth(r.DateOfBirth, r.BirthYearOnly),
            r.ProgrammeName, Label(r.Number, r.ClassYear), r.StartDate, r.EndDate, r.GradeName,
            CertificateRules.PlaceAndDate(r.PlaceName, r.IssueDate), r.SignerTitle ?? CertificateRules.DefaultSignerTitle, r.SignerName,
            CertificateRules.SerialLabel(r.Year, r.SerialNumber), CertificateRules.RegisterLabel(r.Year, r.RegisterNumber),
            r.VerificationCode, CertificateRules.StateOn(r.Status, r.ValidUntil, today), r.ValidUntil, r.PublicBaseUrl)).ToList();
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> in a transaction and retries it from the start when another
    /// writer got there first: the counter's version changed (DbUpdateConcurrencyException), two
    /// created the same year's counter, or a unique index refused a number or an issue sequence.
    /// On SQLite writers wait for each other (BEGIN IMMEDIATE with a busy timeout), so conflicts are
    /// rare; on PostgreSQL the second writer waits on the counter row and then sees it changed.
    /// </summary>
    private async Task<T> WithNumbersAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await attempt();
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception ex) when (IsNumberingConflict(ex))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                if (round >= MaxAttempts)
                {
                    throw new DomainException("Nhiều người đang cấp giấy chứng nhận cùng lúc nên chưa lấy được số. Vui lòng thử lại.");
                }

                // A short random pause, growing with each round, so that retries do not collide again.
                await Task.Delay(Random.Shared.Next(10, 40) * round, cancellationToken);
            }
            finally
            {
                await transaction.DisposeAsync();
            }
        }
    }

    internal static bool IsNumberingConflict(Exception ex) => ex switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: { } inner } => IsNumberingConflict(inner),
        PostgresException pg => pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        // SQLITE_BUSY (5), SQLITE_LOCKED (6), or a UNIQUE/PRIMARY KEY constraint (19).
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 || (sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555),
        _ => false,
    };

    /// <summary>Takes numbers from the register of a centre and year, creating its counter on first use, and saves the counter.</summary>
    private async Task<NumberBlock> TakeNumbersAsync(int centreId, int year, int count, CancellationToken cancellationToken)
    {
        var counter = await db.CertificateCounters.FirstOrDefaultAsync(c => c.CentreId == centreId && c.Year == year, cancellationToken);
        if (counter is null)
        {
            counter = new CertificateCounter { CentreId = centreId, Year = year };
            db.CertificateCounters.Add(counter);
        }

        var numbers = CertificateRules.Take(counter, count);

        // The counter is written first: on PostgreSQL its row lock makes a concurrent issuer wait here
        // and then fail on the changed version, before it has inserted anything.
        await db.SaveChangesAsync(cancellationToken);
        return numbers;
    }

    private static (string Name, string Title) Signer(string? name, string? title, TrainingCentre centre)
    {
        var signer = VietnameseText.Clean(name);
        if (signer.Length == 0)
        {
            signer = VietnameseText.Clean(centre.DirectorName);
        }

        if (signer.Length == 0)
        {
            throw new DomainException("Phải ghi họ tên người ký (Trung tâm chưa có tên Giám đốc trong phần cài đặt).");
        }

        var signerTitle = VietnameseText.Clean(title);
        if (signer.Length > 100 || signerTitle.Length > 100)
        {
            throw new DomainException("Họ tên và chức vụ người ký tối đa 100 ký tự.");
        }

        return (signer, signerTitle.Length == 0 ? CertificateRules.DefaultSignerTitle : signerTitle);
    }

    private static void CheckReasonLength(string reason)
    {
        if (reason.Length > 500)
        {
            throw new DomainException("Lý do tối đa 500 ký tự.");
        }
    }

    private IQueryable<TrainingClass> ClassQuery(int classId)
    {
        var query = db.TrainingClasses.Where(c => c.Id == classId);
        return scope.AllCentres ? query : query.Where(c => c.CentreId == scope.CentreId);
    }

    private IQueryable<Certificate> CertificateQuery() =>
        scope.AllCentres ? db.Certificates : db.Certificates.Where(c => c.CentreId == scope.CentreId);
}
