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
    string? DirectorName, string? IssueBlockedReason, DateOnly DefaultIssueDate)
{
    public bool CanIssue => IssueBlockedReason is null;

    /// <summary>The last day certificates are issued without a confirmed reason.</summary>
    public DateOnly? IssueWindowEnd => DecisionDate is { } decided ? CertificateRules.IssueWindowEnd(decided) : null;
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

/// <summary>
/// An issue of a class's certificates. <paramref name="Expected"/>: what the preview showed, so that the
/// issue takes exactly those numbers or is refused. <paramref name="ConfirmationReason"/>: required when the
/// issue date is past the window or a trainee has no date of birth, and recorded on those certificates.
/// </summary>
public sealed record IssueRequest(
    DateOnly IssueDate, string? SignerName = null, string? SignerTitle = null, IssueExpectation? Expected = null, string? ConfirmationReason = null);

/// <summary>The numbers and trainees a preview showed, in roster order.</summary>
public sealed record IssueExpectation(int Year, int FirstSerial, int FirstRegister, IReadOnlyList<int> EnrolmentIds);

/// <summary>One certificate an issue will create: who, which numbers, and what must be confirmed for it.</summary>
public sealed record IssuePreviewLine(int EnrolmentId, string FullName, string? Birth, string SerialLabel, string RegisterLabel, IReadOnlyList<string> Warnings);

/// <summary>What an issue would do now, before anything is taken: the numbers from the register's counter, in roster order.</summary>
public sealed record IssuePreview(DateOnly IssueDate, int Year, int FirstSerial, int FirstRegister, IReadOnlyList<IssuePreviewLine> Lines, string? LateWarning)
{
    public int Count => Lines.Count;

    public string FirstSerialLabel => CertificateRules.SerialLabel(Year, FirstSerial);

    public string LastSerialLabel => CertificateRules.SerialLabel(Year, FirstSerial + Math.Max(Count - 1, 0));

    public string FirstRegisterLabel => CertificateRules.RegisterLabel(Year, FirstRegister);

    public string LastRegisterLabel => CertificateRules.RegisterLabel(Year, FirstRegister + Math.Max(Count - 1, 0));

    public IReadOnlyList<string> WithoutBirth => [.. Lines.Where(l => l.Birth is null).Select(l => l.FullName)];

    public bool NeedsConfirmation => Lines.Any(l => l.Warnings.Count > 0);

    public IssueExpectation Expectation => new(Year, FirstSerial, FirstRegister, [.. Lines.Select(l => l.EnrolmentId)]);

    /// <summary>"số hiệu từ 000001/2026 đến 000037/2026, số vào sổ từ 1/2026 đến 37/2026 (37 giấy)".</summary>
    public string NumbersText => Count == 1
        ? $"số hiệu {FirstSerialLabel}, số vào sổ {FirstRegisterLabel} (1 giấy)"
        : $"số hiệu từ {FirstSerialLabel} đến {LastSerialLabel}, số vào sổ từ {FirstRegisterLabel} đến {LastRegisterLabel} ({Count} giấy)";

    public bool Matches(IssueExpectation expected) =>
        expected.Year == Year && expected.FirstSerial == FirstSerial && expected.FirstRegister == FirstRegister
        && expected.EnrolmentIds.SequenceEqual(Lines.Select(l => l.EnrolmentId));
}

/// <summary>Refuses an issue whose preview no longer holds (someone took numbers, or the list changed), with what it would take now.</summary>
public sealed class IssueNumbersChangedException(IssuePreview current) : DomainException(
    current.Count == 0
        ? "Trong lúc xem trước, danh sách đã thay đổi: không còn học viên nào chờ cấp. Chưa cấp giấy nào."
        : $"Trong lúc xem trước, sổ gốc đã có người khác lấy số hoặc danh sách đã thay đổi. Chưa cấp giấy nào. Nếu cấp bây giờ, lớp sẽ nhận {current.NumbersText}. Hãy kiểm tra lại và xác nhận.")
{
    public IssuePreview Current { get; } = current;
}

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
    CertificateLink? Replaces, CertificateLink? ReplacedBy, string? DirectorName,
    string? ConfirmedWarning, string? ConfirmationReason, string? PublicBaseUrl)
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
public sealed class CertificateService(AppDbContext db, IUserScope scope, TimeProvider clock)
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

        var today = clock.VietnamToday();
        var hasDecision = c.CompletionDecisionNumber is not null && c.CompletionDecisionDate is not null;
        var info = new ClassCertificateInfo(
            c.Id, c.ProgrammeName, Label(c.Number, c.Year), c.Title, c.StartDate, c.EndDate, c.Kind,
            c.CompletionDecisionNumber, c.CompletionDecisionDate, c.CompletionDecisionSigner, c.DirectorName,
            CertificateRules.IssueBlockedReason(c.Kind, c.Status, hasDecision),
            CertificateRules.DefaultIssueDate(c.CompletionDecisionDate, today));

        var rows = await db.Enrolments
            .Where(e => e.ClassId == classId && (e.Status == EnrolmentStatus.Active || db.Certificates.Any(x => x.EnrolmentId == e.Id)))
            .OrderBy(e => e.Trainee!.SortKey).ThenBy(e => e.TraineeId)
            .Select(e => new
            {
                e.Id, e.Trainee!.FullName, e.Trainee.DateOfBirth, e.Trainee.BirthYearOnly, e.Status,
                Completed = (bool?)e.Result!.Completed, e.Result.GradeName, e.Result.NotCompletedReason,
            })
            .ToListAsync(cancellationToken);
        // Each line's latest certificate, from the class's certificates in a query of their own: picked inside the
        // projection above, EF numbered every certificate with ROW_NUMBER() to choose one per line (1 s at 750,000).
        var latest = (await db.Certificates.Where(x => x.Enrolment!.ClassId == classId)
                .Select(x => new { x.EnrolmentId, x.IssueSequence, x.Id, x.Year, x.SerialNumber, x.RegisterNumber, x.IssueDate, x.Status, x.ValidUntil })
                .ToListAsync(cancellationToken))
            .GroupBy(x => x.EnrolmentId)
            .ToDictionary(g => g.Key, g => g.MaxBy(x => x.IssueSequence)!);
        var lines = rows.Select(r => (Row: r, Certificate: latest.GetValueOrDefault(r.Id))).Select(l => new ClassCertificateLine(
            l.Row.Id, l.Row.FullName, Birth(l.Row.DateOfBirth, l.Row.BirthYearOnly), l.Row.Status == EnrolmentStatus.Withdrawn,
            l.Row.Completed, l.Row.GradeName, l.Row.NotCompletedReason, l.Certificate?.Id,
            l.Certificate is { } x ? CertificateRules.SerialLabel(x.Year, x.SerialNumber) : null,
            l.Certificate is { } y ? CertificateRules.RegisterLabel(y.Year, y.RegisterNumber) : null,
            l.Certificate?.IssueDate,
            l.Certificate is { } z ? CertificateRules.StateOn(z.Status, z.ValidUntil, today) : null)).ToList();
        return new ClassCertificatesView(info, lines);
    }

    /// <summary>
    /// What issuing the class's certificates on <paramref name="issueDate"/> would do now, taking nothing:
    /// the trainees in roster order, the numbers the register's counter would give them, and what must be
    /// confirmed. Refused like the issue itself (no decision, a date before it or after today).
    /// </summary>
    public async Task<IssuePreview> PreviewIssueAsync(int classId, DateOnly issueDate, CancellationToken cancellationToken = default)
    {
        var trainingClass = await IssuableClassAsync(classId, issueDate, clock.VietnamToday(), cancellationToken);
        var pending = await PendingAsync(classId, cancellationToken);
        var last = await db.CertificateCounters.AsNoTracking()
            .Where(c => c.CentreId == trainingClass.CentreId && c.Year == issueDate.Year)
            .Select(c => new { c.LastSerialNumber, c.LastRegisterNumber })
            .FirstOrDefaultAsync(cancellationToken);
        return Preview(issueDate, trainingClass.CompletionDecisionDate, last?.LastSerialNumber ?? 0, last?.LastRegisterNumber ?? 0, pending);
    }

    /// <summary>
    /// Issues a certificate to every active trainee of the class who completed the programme and has
    /// none yet, numbered in roster order. Refused without the completion decision or for a programme
    /// whose certificate the centre does not issue; refused when the preview the user confirmed
    /// (<see cref="IssueRequest.Expected"/>) no longer holds; and, past the window or for a trainee
    /// without a date of birth, refused unless a reason is given, which those certificates record.
    /// </summary>
    public async Task<IssueResult> IssueForClassAsync(int classId, IssueRequest request, CancellationToken cancellationToken = default)
    {
        var today = clock.VietnamToday();
        return await WithNumbersAsync(async () =>
        {
            var trainingClass = await IssuableClassAsync(classId, request.IssueDate, today, cancellationToken);
            var (signerName, signerTitle) = Signer(request.SignerName, request.SignerTitle, trainingClass.Centre!);
            var pending = await PendingAsync(classId, cancellationToken);
            if (pending.Count == 0)
            {
                return new IssueResult(0, null, null, []);
            }

            // Compared before anything is written; the counter's version then guarantees that no one takes
            // these numbers between this read and the save (a conflict retries, and the retry refuses).
            var year = request.IssueDate.Year;
            var counter = await db.CertificateCounters.FirstOrDefaultAsync(c => c.CentreId == trainingClass.CentreId && c.Year == year, cancellationToken);
            var preview = Preview(request.IssueDate, trainingClass.CompletionDecisionDate, counter?.LastSerialNumber ?? 0, counter?.LastRegisterNumber ?? 0, pending);
            if (request.Expected is { } expected && !preview.Matches(expected))
            {
                throw new IssueNumbersChangedException(preview);
            }

            var reason = CertificateRules.ConfirmationReason(preview.NeedsConfirmation, request.ConfirmationReason);
            // A year's first counter is added only now, so that a refusal leaves nothing behind in the context.
            var numbers = CertificateRules.Take(counter ?? NewCounter(trainingClass.CentreId, year), pending.Count);

            // The counter is written first: on PostgreSQL its row lock makes a concurrent issuer wait here
            // and then fail on the changed version, before it has inserted anything.
            await db.SaveChangesAsync(cancellationToken);
            var validUntil = CertificateRules.ValidUntil(request.IssueDate, trainingClass.Programme!.ValidityMonths);
            for (var i = 0; i < pending.Count; i++)
            {
                var warnings = preview.Lines[i].Warnings;
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
                    ConfirmedWarning = warnings.Count > 0 ? string.Join(" ", warnings) : null,
                    ConfirmationReason = warnings.Count > 0 ? reason : null,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            return new IssueResult(
                numbers.Count, CertificateRules.SerialLabel(numbers.Year, numbers.FirstSerial),
                CertificateRules.SerialLabel(numbers.Year, numbers.Serial(numbers.Count - 1)),
                [.. preview.Lines.SelectMany(l => l.Warnings).Distinct()]);
        }, cancellationToken);
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
                c.CentreId, c.ConfirmedWarning, c.ConfirmationReason,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (r is null)
        {
            return null;
        }

        // Their own queries: inside the projection above, EF numbered every certificate and centre with ROW_NUMBER() to
        // pick one (0.75 s at 750,000 certificates); alone, each is one index search.
        var replacedBy = await db.Certificates.Where(n => n.ReplacesCertificateId == r.Id)
            .Select(n => new { n.Id, n.Year, n.SerialNumber, n.IssueDate, n.ReissueReason }).FirstOrDefaultAsync(cancellationToken);
        var centre = await db.TrainingCentres.Where(t => t.Id == r.CentreId).Select(t => new { t.DirectorName, t.PublicBaseUrl }).FirstOrDefaultAsync(cancellationToken);

        return new CertificateDetails(
            r.Id, r.ClassId, r.EnrolmentId, CertificateRules.SerialLabel(r.Year, r.SerialNumber), CertificateRules.RegisterLabel(r.Year, r.RegisterNumber),
            r.FullName, Birth(r.DateOfBirth, r.BirthYearOnly), r.ProgrammeName, Label(r.ClassNumber, r.ClassYear), r.StartDate, r.EndDate,
            r.IssueDate, r.SignerName, r.SignerTitle, r.GradeName, r.ValidUntil, CertificateRules.StateOn(r.Status, r.ValidUntil, clock.VietnamToday()),
            r.ReissueReason, r.RevocationReason, r.StatusChangedAt, r.VerificationCode,
            r.Replaces is { } old ? new CertificateLink(old.Id, CertificateRules.SerialLabel(old.Year, old.SerialNumber), old.IssueDate, null) : null,
            replacedBy is { } next ? new CertificateLink(next.Id, CertificateRules.SerialLabel(next.Year, next.SerialNumber), next.IssueDate, next.ReissueReason) : null,
            centre?.DirectorName, r.ConfirmedWarning, r.ConfirmationReason, centre?.PublicBaseUrl);
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
        var today = clock.VietnamToday();
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
        var today = clock.VietnamToday();
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

    /// <summary>Another issue took the counter or the numbers first: its row changed, a number is taken, or the database gave this write up.</summary>
    internal static bool IsNumberingConflict(Exception ex) =>
        ex is DbUpdateConcurrencyException || ex.IsUniqueViolation() || DbErrors.IsWriteConflict(ex);

    /// <summary>A register's first counter for a year, added to the context (saved with the numbers it gives).</summary>
    private CertificateCounter NewCounter(int centreId, int year)
    {
        var counter = new CertificateCounter { CentreId = centreId, Year = year };
        db.CertificateCounters.Add(counter);
        return counter;
    }

    /// <summary>Takes numbers from the register of a centre and year, creating its counter on first use, and saves the counter.</summary>
    private async Task<NumberBlock> TakeNumbersAsync(int centreId, int year, int count, CancellationToken cancellationToken)
    {
        var counter = await db.CertificateCounters.FirstOrDefaultAsync(c => c.CentreId == centreId && c.Year == year, cancellationToken)
            ?? NewCounter(centreId, year);
        var numbers = CertificateRules.Take(counter, count);

        // The counter is written first: on PostgreSQL its row lock makes a concurrent issuer wait here
        // and then fail on the changed version, before it has inserted anything.
        await db.SaveChangesAsync(cancellationToken);
        return numbers;
    }

    /// <summary>The class, when its certificates may be issued on <paramref name="issueDate"/>; refused otherwise.</summary>
    private async Task<TrainingClass> IssuableClassAsync(int classId, DateOnly issueDate, DateOnly today, CancellationToken cancellationToken)
    {
        var trainingClass = await ClassQuery(classId).Include(c => c.Programme).Include(c => c.Centre)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("Không tìm thấy lớp học.");
        if (CertificateRules.IssueBlockedReason(trainingClass.Programme!.Certificate, trainingClass.Status, trainingClass.HasCompletionDecision) is { } blocked)
        {
            throw new DomainException(blocked);
        }

        CertificateRules.CheckIssueDate(issueDate, trainingClass.CompletionDecisionDate, today);
        return trainingClass;
    }

    private sealed record PendingEnrolment(int Id, string? GradeName, string FullName, DateOnly? DateOfBirth, bool BirthYearOnly);

    /// <summary>The class's active trainees who completed and have no certificate yet, in roster order.</summary>
    private Task<List<PendingEnrolment>> PendingAsync(int classId, CancellationToken cancellationToken) =>
        db.Enrolments
            .Where(e => e.ClassId == classId && e.Status == EnrolmentStatus.Active && e.Result!.Completed == true
                && !db.Certificates.Any(x => x.EnrolmentId == e.Id))
            .OrderBy(e => e.Trainee!.SortKey).ThenBy(e => e.TraineeId)
            .Select(e => new PendingEnrolment(e.Id, e.Result!.GradeName, e.Trainee!.FullName, e.Trainee.DateOfBirth, e.Trainee.BirthYearOnly))
            .ToListAsync(cancellationToken);

    private static IssuePreview Preview(DateOnly issueDate, DateOnly? decisionDate, int lastSerial, int lastRegister, IReadOnlyList<PendingEnrolment> pending)
    {
        var year = issueDate.Year;
        var lines = pending.Select((p, i) => new IssuePreviewLine(
            p.Id, p.FullName, Birth(p.DateOfBirth, p.BirthYearOnly),
            CertificateRules.SerialLabel(year, lastSerial + 1 + i), CertificateRules.RegisterLabel(year, lastRegister + 1 + i),
            CertificateRules.IssueWarnings(issueDate, decisionDate, p.DateOfBirth is not null))).ToList();
        return new IssuePreview(issueDate, year, lastSerial + 1, lastRegister + 1, lines, CertificateRules.LateIssueWarning(issueDate, decisionDate));
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
