using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Classes;

public sealed record RosterClassInfo(
    int Id, int CentreId, string ProgrammeName, string NumberLabel, string? Title, ClassStatus Status,
    DateOnly? StartDate, DateOnly? EndDate, int MinimumClassSize, ClassPart AmendedParts = ClassPart.None)
{
    /// <summary>Why the roster cannot be changed now, or null (<see cref="ClassLifecycle"/>).</summary>
    public string? LockedReason => ClassLifecycle.ChangeBlockedReason(Status, ClassPart.Roster, AmendedParts);
}

public sealed record RosterLine(
    int EnrolmentId, int TraineeId, string FullName, Sex? Sex, string? Birth, string? Cccd, string? UnitName,
    ClassRole Role, EnrolmentStatus Status, string? WithdrawalReason, Guid Version);

/// <summary>
/// A class roster, one page of its active lines at a time (a class may hold thousands). <see cref="ShowsIdentity"/>
/// is false for a lecturer: the lines carry no CCCD and the names do not lead to the person pages of the
/// registry, which a lecturer may not open.
/// </summary>
public sealed record RosterView(RosterClassInfo Class, IReadOnlyList<RosterLine> Active, IReadOnlyList<RosterLine> Withdrawn, bool ShowsIdentity = true)
{
    /// <summary>Active lines in the whole class, on every page.</summary>
    public int ActiveCount { get; init; } = Active.Count;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = RosterService.PageSize;

    public int PageCount => Math.Max(1, (ActiveCount + PageSize - 1) / PageSize);

    /// <summary>The STT of the first line of this page.</summary>
    public int FirstNumber => ((Page - 1) * PageSize) + 1;

    /// <summary>Every active trainee of the class, on any page: the entry box marks them as already enrolled.</summary>
    public IReadOnlyList<int> EnrolledTraineeIds { get; init; } = [];

    /// <summary>A warning, not a block, when the class is smaller than the centre's norm.</summary>
    public string? SizeWarning => ActiveCount < Class.MinimumClassSize
        ? $"Lớp mới có {ActiveCount} học viên, ít hơn mức tối thiểu {Class.MinimumClassSize}."
        : null;
}

public sealed record NewTraineeInput(
    string FamilyName, string? MiddleName, string GivenName, Sex? Sex, string? Birth, string? Cccd, int? UnitId, string? Position, string? Note = null);

/// <summary>
/// The quick-add stopped before creating anyone: people with the same name and date of birth exist
/// (<see cref="Candidates"/>, same unit first). The clerk enrols one of them, or confirms a different person.
/// </summary>
public sealed class PossibleDuplicatesException(IReadOnlyList<TraineeMatch> candidates)
    : DomainException("Đã có học viên trùng họ tên và ngày sinh. Nếu là cùng một người, hãy thêm người đã có vào lớp; nếu là người khác, đánh dấu xác nhận rồi tạo mới.")
{
    public IReadOnlyList<TraineeMatch> Candidates { get; } = candidates;
}

/// <summary>
/// What the roster's entry box recognised in the text typed or scanned into it (<see cref="RosterService.RecogniseAsync"/>):
/// a CCCD card's QR code or a bare CCCD, and then the person who has that CCCD (to enrol, unless
/// <see cref="AlreadyEnrolled"/>), or the new-person form's values; or a name, split for the form.
/// </summary>
public sealed record RosterEntryRecognition(
    string Kind,
    TraineeMatch? Existing,
    bool AlreadyEnrolled,
    RosterEntryPerson? NewPerson,
    IReadOnlyList<string> Warnings);

/// <summary>The new-person form's fields prefilled from a card or a typed name; the clerk confirms them.</summary>
public sealed record RosterEntryPerson(string FamilyName, string MiddleName, string GivenName, Sex? Sex, string? Birth, string? Cccd, string? Note);

/// <summary>Thrown when a roster line changed since the page showed it; the message says what changed.</summary>
public sealed class RosterConflictException(string message) : DomainException(message);

/// <summary>The roster of a class: adding people (found or new), withdrawing them with a reason, class roles.</summary>
public sealed class RosterService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    public const int MaxDeputies = 2;

    /// <summary>Active lines shown per page of the roster: a 5,000-trainee class is 25 pages, each a light page.</summary>
    public const int PageSize = 200;

    /// <summary>The roster's first page.</summary>
    public Task<RosterView?> GetAsync(int classId, CancellationToken cancellationToken = default) =>
        GetPageAsync(classId, 1, cancellationToken);

    /// <summary>
    /// One page of the active roster in Vietnamese order (a page past the end shows the last), the withdrawn
    /// lines, and the ids of every active trainee; only the page's lines are read in full.
    /// </summary>
    public async Task<RosterView?> GetPageAsync(int classId, int page, CancellationToken cancellationToken = default)
    {
        var info = await ClassQuery(classId)
            .Select(c => new RosterClassInfo(c.Id, c.CentreId, c.Programme!.Name, "", c.Title, c.Status, c.StartDate, c.EndDate, c.Centre!.MinimumClassSize,
                c.Amendments.Where(a => a.ClosedAt == null).Select(a => a.Parts).FirstOrDefault()))
            .FirstOrDefaultAsync(cancellationToken);
        if (info is null)
        {
            return null;
        }

        var label = await db.TrainingClasses.Where(c => c.Id == classId).Select(c => new { c.Number, c.Year }).FirstAsync(cancellationToken);
        info = info with { NumberLabel = ClassLabels.NumberLabel(label.Number, label.Year) };

        var enrolled = await db.Enrolments.Where(e => e.ClassId == classId && e.Status == EnrolmentStatus.Active)
            .Select(e => e.TraineeId).ToListAsync(cancellationToken);
        var pageCount = Math.Max(1, (enrolled.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var showsIdentity = !scope.IsLecturer;
        var active = await LinesAsync(classId, EnrolmentStatus.Active, (page - 1) * PageSize, PageSize, showsIdentity, cancellationToken);
        var withdrawn = await LinesAsync(classId, EnrolmentStatus.Withdrawn, 0, null, showsIdentity, cancellationToken);
        return new RosterView(info, active, withdrawn, showsIdentity)
        {
            ActiveCount = enrolled.Count, Page = page, EnrolledTraineeIds = enrolled,
        };
    }

    private async Task<List<RosterLine>> LinesAsync(int classId, EnrolmentStatus status, int skip, int? take, bool showsIdentity, CancellationToken cancellationToken)
    {
        var query = db.Enrolments
            .Where(e => e.ClassId == classId && e.Status == status)
            .OrderBy(e => e.Trainee!.SortKey).ThenBy(e => e.TraineeId)
            .Select(e => new
            {
                e.Id, e.TraineeId, e.Trainee!.FullName, e.Trainee.Sex, e.Trainee.DateOfBirth, e.Trainee.BirthYearOnly, e.Trainee.Cccd,
                UnitName = e.Unit != null ? e.Unit.Name : e.Trainee.Unit != null ? e.Trainee.Unit.Name : null,
                e.Role, e.Status, e.WithdrawalReason, e.Version,
            });
        var lines = await (take is { } size ? query.Skip(skip).Take(size) : query).ToListAsync(cancellationToken);
        return lines.ConvertAll(l => new RosterLine(
            l.Id, l.TraineeId, l.FullName, l.Sex,
            l.DateOfBirth is { } d ? PartialDate.From(d, l.BirthYearOnly).ToString() : null,
            showsIdentity ? l.Cccd : null, l.UnitName, l.Role, l.Status, l.WithdrawalReason, l.Version));
    }

    /// <summary>
    /// Adds an existing person; a withdrawn enrolment is reinstated rather than duplicated. A repeat of the
    /// same submit (<paramref name="submission"/>, see <see cref="SubmissionToken"/>) answers as the first did.
    /// </summary>
    public Task<string> AddExistingAsync(int classId, int traineeId, Guid submission = default, CancellationToken cancellationToken = default) =>
        OnceAsync(submission, classId, () => AddExistingOnceAsync(classId, traineeId, submission, cancellationToken), cancellationToken);

    private async Task<string> AddExistingOnceAsync(int classId, int traineeId, Guid submission, CancellationToken cancellationToken)
    {
        if (await SubmittedAsync(submission, classId, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var trainingClass = await EditableClassAsync(classId, cancellationToken);
        var trainee = await db.Trainees.FirstOrDefaultAsync(t => t.Id == traineeId, cancellationToken)
            ?? throw new DomainException("Không tìm thấy học viên.");
        var existing = await db.Enrolments.FirstOrDefaultAsync(e => e.ClassId == classId && e.TraineeId == traineeId, cancellationToken);
        if (existing is { Status: EnrolmentStatus.Active })
        {
            // Enrolled a moment ago by this very submit's first copy (the token commits with the enrolment)?
            return await SubmittedAsync(submission, classId, cancellationToken)
                ?? throw new DomainException($"{trainee.FullName} đã có trong danh sách lớp.");
        }

        if (existing is not null)
        {
            existing.Reinstate();
        }
        else
        {
            db.Enrolments.Add(new Enrolment { ClassId = trainingClass.Id, TraineeId = trainee.Id, UnitId = trainee.UnitId, EnrolledAt = DateTime.UtcNow });
        }

        Record(submission, trainee.Id, classId);
        await SaveRefusingDuplicateAsync(trainee.FullName, submission, classId, cancellationToken);
        return trainee.FullName;
    }

    /// <summary>
    /// Creates a person and enrols them, in one transaction. Stops with <see cref="PossibleDuplicatesException"/>
    /// when people with the same name and date of birth exist, unless <paramref name="confirmedDistinct"/>.
    /// The form's one-time token (<paramref name="submission"/>) is recorded in the same transaction, so a
    /// double click or two parallel submits create one person and one enrolment: the repeat waits for the
    /// first, is refused by the token's key, and answers with the first one's person.
    /// </summary>
    public Task<string> AddNewAsync(int classId, NewTraineeInput input, Guid submission = default, bool confirmedDistinct = false, CancellationToken cancellationToken = default) =>
        OnceAsync(submission, classId, () => AddNewOnceAsync(classId, input, submission, confirmedDistinct, cancellationToken), cancellationToken);

    private async Task<string> AddNewOnceAsync(int classId, NewTraineeInput input, Guid submission, bool confirmedDistinct, CancellationToken cancellationToken)
    {
        if (await SubmittedAsync(submission, classId, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var trainingClass = await EditableClassAsync(classId, cancellationToken);
        var trainee = await BuildTraineeAsync(input, cancellationToken);
        trainee.RefreshNameKeys();
        if (!confirmedDistinct)
        {
            var candidates = await TraineeDuplicates.SameNameAndBirthAsync(db, trainee, cancellationToken);
            if (candidates.Count > 0)
            {
                // The namesake may be this very form's person, saved a moment ago by its first submit.
                if (await SubmittedAsync(submission, classId, cancellationToken) is { } first)
                {
                    return first;
                }

                throw new PossibleDuplicatesException(candidates
                    .Select(c => new TraineeMatch(c.Person.Id, c.Person.FullName, c.Person.Birth, TraineeService.CccdTail(c.Person.Cccd), c.Person.UnitName, trainee.UnitId is not null && c.UnitId == trainee.UnitId))
                    .OrderByDescending(c => c.SameUnit)
                    .ToList());
            }
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Trainees.Add(trainee);
            await db.SaveChangesAsync(cancellationToken);
            db.Enrolments.Add(new Enrolment { ClassId = trainingClass.Id, TraineeId = trainee.Id, UnitId = trainee.UnitId, EnrolledAt = DateTime.UtcNow });
            Record(submission, trainee.Id, classId);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            if (await SubmittedAsync(submission, classId, cancellationToken) is { } first)
            {
                return first; // the same form, saved a moment ago by its first submit
            }

            if (trainee.Cccd is { } cccd && await db.Trainees.Where(t => t.Cccd == cccd).Select(t => t.FullName).FirstOrDefaultAsync(cancellationToken) is { } owner)
            {
                throw new DomainException($"Số CCCD {cccd} vừa được dùng cho học viên {owner}: hãy tìm và thêm người này thay vì tạo mới.");
            }

            throw new DomainException("Biểu mẫu này đã được gửi trước đó; vui lòng tải lại trang danh sách lớp.");
        }

        return trainee.FullName;
    }

    /// <summary>
    /// Reads what was typed or scanned into the roster's entry box: a CCCD card's QR text (<see cref="CccdCardText"/>)
    /// or a bare 12-digit CCCD finds the person who has it (to be enrolled by an explicit choice), or gives the
    /// new-person form's values from the card; other text is a name, split for the form (compound family names kept whole).
    /// </summary>
    public async Task<RosterEntryRecognition> RecogniseAsync(int classId, string? text, CancellationToken cancellationToken = default)
    {
        await EditableClassAsync(classId, cancellationToken);
        var card = CccdCardText.Parse(text, clock.VietnamToday());
        string? cccd = card?.Cccd;
        if (card is null && TraineeInputParser.LooksLikeCccd(text, out var typed))
        {
            cccd = typed;
        }

        if (cccd is not null)
        {
            var found = await db.Trainees.AsNoTracking()
                .Where(t => t.Cccd == cccd)
                .Select(t => new { t.Id, t.FullName, t.DateOfBirth, t.BirthYearOnly, UnitName = t.Unit!.Name, Enrolled = t.Enrolments.Any(e => e.ClassId == classId && e.Status == EnrolmentStatus.Active) })
                .FirstOrDefaultAsync(cancellationToken);
            var kind = card is null ? "cccd" : "card";
            if (found is not null)
            {
                var birth = found.DateOfBirth is { } d ? PartialDate.From(d, found.BirthYearOnly).ToString() : null;
                return new RosterEntryRecognition(kind, new TraineeMatch(found.Id, found.FullName, birth, TraineeService.CccdTail(cccd), found.UnitName, false), found.Enrolled, null, []);
            }

            var person = card is null
                ? new RosterEntryPerson("", "", "", null, null, cccd, null)
                : new RosterEntryPerson(card.FamilyName, card.MiddleName, card.GivenName, card.Sex, card.BirthText, card.Cccd,
                    card.Address is null ? null : $"Nơi thường trú (theo thẻ CCCD): {card.Address}");
            return new RosterEntryRecognition(kind, null, false, person, card?.Warnings ?? []);
        }

        var (family, middle, given) = VietnameseText.SplitFullName(text);
        return new RosterEntryRecognition("name", null, false, new RosterEntryPerson(family, middle, given, null, null, null, null), []);
    }

    public async Task WithdrawAsync(int classId, int enrolmentId, Guid version, string reason, CancellationToken cancellationToken = default)
    {
        await EditableClassAsync(classId, cancellationToken);
        var enrolment = await LineAsync(classId, enrolmentId, version, cancellationToken);
        enrolment.Withdraw(reason, DateTime.UtcNow);
        await SaveCheckingVersionAsync(enrolment, cancellationToken);
    }

    /// <summary>
    /// Sets a class role. There is one monitor (naming a new one makes the old one a member) and at most
    /// <see cref="MaxDeputies"/> deputies.
    /// </summary>
    public async Task<string?> SetRoleAsync(int classId, int enrolmentId, Guid version, ClassRole role, CancellationToken cancellationToken = default)
    {
        await EditableClassAsync(classId, cancellationToken);
        var enrolment = await LineAsync(classId, enrolmentId, version, cancellationToken);
        if (enrolment.Status != EnrolmentStatus.Active)
        {
            throw new DomainException("Không thể giao nhiệm vụ cho học viên đã rút khỏi danh sách.");
        }

        string? note = null;
        if (role == ClassRole.Monitor)
        {
            var previous = await db.Enrolments.Include(e => e.Trainee)
                .Where(e => e.ClassId == classId && e.Role == ClassRole.Monitor && e.Id != enrolmentId).ToListAsync(cancellationToken);
            foreach (var p in previous)
            {
                p.Role = ClassRole.Member;
                note = $"{p.Trainee!.FullName} không còn là lớp trưởng.";
            }
        }
        else if (role == ClassRole.DeputyMonitor)
        {
            var deputies = await db.Enrolments.CountAsync(e => e.ClassId == classId && e.Role == ClassRole.DeputyMonitor && e.Id != enrolmentId, cancellationToken);
            if (deputies >= MaxDeputies)
            {
                throw new DomainException($"Lớp đã có {MaxDeputies} lớp phó.");
            }
        }

        enrolment.Role = role;
        await SaveCheckingVersionAsync(enrolment, cancellationToken);
        return note;
    }

    /// <summary>Units a new person may belong to: those valid today, by name.</summary>
    public async Task<IReadOnlyList<Identity.Choice>> UnitChoicesAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.VietnamToday();
        return await db.OrganisationUnits
            .Where(u => (u.ValidFrom == null || u.ValidFrom <= today) && (u.ValidTo == null || u.ValidTo >= today))
            .OrderBy(u => u.SearchKey)
            .Select(u => new Identity.Choice(u.Id, u.Name))
            .ToListAsync(cancellationToken);
    }

    public static string RoleName(ClassRole role) => role switch
    {
        ClassRole.Monitor => "Lớp trưởng",
        ClassRole.DeputyMonitor => "Lớp phó",
        _ => "Học viên",
    };

    internal async Task<Trainee> BuildTraineeAsync(NewTraineeInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.FamilyName) || string.IsNullOrWhiteSpace(input.GivenName))
        {
            throw new DomainException("Vui lòng nhập họ và tên của học viên mới.");
        }

        PartialDate? birth = null;
        if (!string.IsNullOrWhiteSpace(input.Birth))
        {
            if (!PartialDate.TryParse(input.Birth, out var parsed) || parsed.Date > clock.VietnamToday())
            {
                throw new DomainException($"Ngày sinh \"{input.Birth}\" không hợp lệ: nhập dd/MM/yyyy hoặc chỉ năm sinh.");
            }

            birth = parsed;
        }

        var cccd = Cccd.Normalize(input.Cccd);
        if (cccd is not null)
        {
            if (!Cccd.IsWellFormed(cccd))
            {
                throw new DomainException("Số CCCD phải gồm đúng 12 chữ số.");
            }

            var owner = await db.Trainees.Where(t => t.Cccd == cccd).Select(t => t.FullName).FirstOrDefaultAsync(cancellationToken);
            if (owner is not null)
            {
                throw new DomainException($"Số CCCD {cccd} đã thuộc về học viên {owner}: hãy tìm và thêm người này thay vì tạo mới.");
            }
        }

        // The one set of trainee rules (names, lengths, dates, CCCD, as the form and the import apply them).
        TraineeRules.EnsureValid(
            new TraineeInput
            {
                FamilyName = input.FamilyName, MiddleName = input.MiddleName, GivenName = input.GivenName, Sex = input.Sex,
                Birth = input.Birth, Cccd = input.Cccd, UnitId = input.UnitId, Position = input.Position, Note = input.Note,
            },
            clock.VietnamToday());

        return new Trainee
        {
            FamilyName = VietnameseText.Clean(input.FamilyName),
            MiddleName = VietnameseText.Clean(input.MiddleName),
            GivenName = VietnameseText.Clean(input.GivenName),
            Sex = input.Sex,
            Birth = birth,
            Cccd = cccd,
            UnitId = input.UnitId,
            Position = string.IsNullOrWhiteSpace(input.Position) ? null : VietnameseText.Clean(input.Position),
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : VietnameseText.Clean(input.Note),
        };
    }

    /// <summary>The class if the user may read its roster: as the attendance and results pages (a lecturer, only a class they teach).</summary>
    private IQueryable<TrainingClass> ClassQuery(int classId) => ClassRecords.Visible(db, scope, classId);

    /// <summary>The class if the user may change its roster: staff, of the class's own centre.</summary>
    private async Task<TrainingClass> EditableClassAsync(int classId, CancellationToken cancellationToken)
    {
        if (!scope.CanEdit)
        {
            throw new DomainException("Tài khoản của bạn chỉ được xem danh sách lớp, không được thay đổi.");
        }

        var trainingClass = await db.TrainingClasses.FirstOrDefaultAsync(c => c.Id == classId && c.CentreId == scope.CentreId, cancellationToken)
            ?? throw new DomainException("Không tìm thấy lớp học.");
        await ClassRecords.EnsureChangeableAsync(db, classId, ClassPart.Roster, cancellationToken);
        return trainingClass;
    }

    private async Task<Enrolment> LineAsync(int classId, int enrolmentId, Guid version, CancellationToken cancellationToken)
    {
        var enrolment = await db.Enrolments.Include(e => e.Trainee)
            .FirstOrDefaultAsync(e => e.Id == enrolmentId && e.ClassId == classId, cancellationToken)
            ?? throw new DomainException("Không tìm thấy học viên trong danh sách lớp.");
        if (enrolment.Version != version)
        {
            throw Conflict(enrolment);
        }

        db.Entry(enrolment).Property(e => e.Version).OriginalValue = version;
        return enrolment;
    }

    private async Task SaveCheckingVersionAsync(Enrolment enrolment, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var entry = db.Entry(enrolment);
            await entry.ReloadAsync(cancellationToken);
            throw Conflict(enrolment);
        }
    }

    private async Task SaveRefusingDuplicateAsync(string fullName, Guid submission, int classId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation() || ex is DbUpdateConcurrencyException)
        {
            // The same submit a moment ago answers as it did; else two staff adding the same person at once: the unique index decided.
            db.ChangeTracker.Clear();
            if (await SubmittedAsync(submission, classId, cancellationToken) is { } first)
            {
                return;
            }

            throw new DomainException($"{fullName} vừa được người khác thêm vào danh sách lớp.");
        }
    }

    // A refusal caused by this same form's first submit, committed a moment ago (its CCCD now taken, its person now a
    // namesake, its enrolment now there), is no refusal: the repeat answers as the first did.
    private async Task<string> OnceAsync(Guid submission, int classId, Func<Task<string>> add, CancellationToken cancellationToken)
    {
        try
        {
            return await add();
        }
        catch (DomainException) when (submission != Guid.Empty)
        {
            db.ChangeTracker.Clear();
            var first = await SubmittedAsync(submission, classId, cancellationToken);
            if (first is null)
            {
                throw;
            }

            return first;
        }
    }

    // Records the form's one-time token with what this save does, so that a repeat of the submit cannot do it again.
    private void Record(Guid submission, int traineeId, int classId)
    {
        if (submission != Guid.Empty)
        {
            db.SubmissionTokens.Add(new SubmissionToken { Token = submission, TraineeId = traineeId, ClassId = classId, UsedAt = DateTime.UtcNow });
        }
    }

    // The name of the person an earlier submit of the same roster form added, or null.
    private async Task<string?> SubmittedAsync(Guid submission, int classId, CancellationToken cancellationToken) =>
        submission == Guid.Empty ? null
            : await db.SubmissionTokens.AsNoTracking()
                .Where(s => s.Token == submission && s.ClassId == classId)
                .Select(s => s.Trainee!.FullName)
                .FirstOrDefaultAsync(cancellationToken);

    private static RosterConflictException Conflict(Enrolment current) =>
        new($"Dòng của {current.Trainee?.FullName} vừa được người khác thay đổi: hiện là {RoleName(current.Role).ToLowerInvariant()}"
            + (current.Status == EnrolmentStatus.Withdrawn ? $", đã rút khỏi danh sách (lý do: {current.WithdrawalReason})" : ", đang trong danh sách")
            + ". Danh sách đã được tải lại; nội dung bạn nhập vẫn được giữ, hãy kiểm tra rồi thực hiện lại nếu cần.");
}
