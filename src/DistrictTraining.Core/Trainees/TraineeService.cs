using System.Globalization;
using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Trainees;

/// <summary>
/// The trainee registry: one record per person, shared by every centre. Search, the person page,
/// create and edit with the duplicate guards. A unit liaison only ever sees the trainees of their unit.
/// </summary>
public sealed class TraineeService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    /// <summary>Tags of the queries that guard against duplicates, so tests can find them in the SQL stream.</summary>
    internal const string CccdCheckTag = "trainee-cccd-check";
    internal const string PossibleDuplicateTag = TraineeDuplicates.PossibleDuplicateTag;
    internal const string CccdOwnerAfterSaveTag = "trainee-cccd-owner-after-save";

    /// <summary>The registry page: name without diacritics or a 12-digit CCCD, filters, Vietnamese order, 25 a page.</summary>
    public async Task<PagedList<TraineeListItem>> SearchAsync(TraineeSearch search, CancellationToken cancellationToken = default)
    {
        var byName = Matches(search.Query);
        var (total, walk) = byName && search is { UnitId: null, PartyStatus: null } && search.BirthYear is not (>= 1 and <= 9998)
            ? await IndexedNameCountAsync(VietnameseText.SearchKey(search.Query), search.Page, cancellationToken)
            : (null, false);
        var query = Matching(search.Query, walk);
        if (search.UnitId is { } unitId)
        {
            query = query.Where(t => t.UnitId == unitId);
        }

        if (search.BirthYear is { } year and >= 1 and <= 9998)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            query = query.Where(t => t.DateOfBirth >= from && t.DateOfBirth <= to);
        }

        if (search.PartyStatus is { } party)
        {
            query = query.Where(t => t.PartyStatus == party);
        }

        var rows = InNameOrder(query, filteredByText: byName && !walk)
            .Select(t => new Row(
                t.Id, t.FullName, t.Sex, t.DateOfBirth, t.BirthYearOnly, t.Cccd, t.Unit!.Name,
                t.Enrolments.Count(e => e.Status == EnrolmentStatus.Active)));
        var page = await PagedList<Row>.CreateAsync(rows, search.Page, TraineeSearch.PageSize, cancellationToken, total);
        var items = page.Items
            .Select(r => new TraineeListItem(r.Id, r.FullName, Trainee.SexName(r.Sex), BirthText(r.DateOfBirth, r.BirthYearOnly), r.Cccd, r.UnitName, r.ClassCount))
            .ToList();
        return new PagedList<TraineeListItem>(items, page.Page, page.PageSize, page.TotalCount);
    }

    /// <summary>
    /// Search-as-you-type: the same matching and order as <see cref="SearchAsync"/>, names that start
    /// with what was typed first. On PostgreSQL two queries (starting with, then containing) that can
    /// each walk the SortKey index or the trigram index and stop after <paramref name="take"/> rows; on SQLite one
    /// query over the FTS5 trigram matches (or, under three characters, a scan) that ranks the names starting with the text first.
    /// </summary>
    public async Task<IReadOnlyList<TraineeLookupItem>> LookupAsync(string? text, int take = 10, CancellationToken cancellationToken = default)
    {
        take = Math.Clamp(take, 1, 50);
        var rows = new List<LookupRow>();
        if (TraineeInputParser.LooksLikeCccd(text, out var cccd))
        {
            rows.AddRange(await LookupRows(Scoped().Where(t => t.Cccd == cccd), take, cancellationToken));
        }
        else
        {
            var key = VietnameseText.SearchKey(text);
            if (key.Length == 0)
            {
                return [];
            }

            if (db.Database.IsSqlite())
            {
                return Items(await Project(
                    Scoped().WhereNameContains(db, key)
                        .OrderBy(t => t.SearchKey.StartsWith(key) ? 0 : 1).ThenBy(t => t.SortKey).ThenBy(t => t.Id)
                        .Take(take),
                    cancellationToken));
            }

            rows.AddRange(await LookupRows(Scoped().Where(t => t.SearchKey.StartsWith(key)), take, cancellationToken));
            if (rows.Count < take)
            {
                rows.AddRange(await LookupRows(
                    Scoped().WhereNameContains(db, key).Where(t => !t.SearchKey.StartsWith(key)), take - rows.Count, cancellationToken));
            }
        }

        return Items(rows);

        static List<TraineeLookupItem> Items(List<LookupRow> rows) =>
            rows.Select(r => new TraineeLookupItem(r.Id, r.FullName, BirthText(r.DateOfBirth, r.BirthYearOnly), CccdTail(r.Cccd), r.UnitName)).ToList();
    }

    /// <summary>The person page, or null when there is no such trainee or the user may not see them.</summary>
    public async Task<TraineeDetails?> GetDetailsAsync(int id, CancellationToken cancellationToken = default)
    {
        var t = await Scoped().Include(x => x.Unit).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (t is null)
        {
            return null;
        }

        var classes = await db.Enrolments.AsNoTracking()
            .Where(e => e.TraineeId == id)
            .OrderByDescending(e => e.Class!.Year).ThenByDescending(e => e.Class!.StartDate).ThenByDescending(e => e.Id)
            .Select(e => new
            {
                e.ClassId, Programme = e.Class!.Programme!.Name, e.Class.Number, e.Class.Year, e.Class.Title, Centre = e.Class.Centre!.Name,
                e.Class.StartDate, e.Class.EndDate, ClassStatus = e.Class.Status, e.Role, e.Status, e.WithdrawalReason,
                Score = (decimal?)e.Result!.Score, ResitScore = (decimal?)e.Result.ResitScore, Grade = e.Result.GradeName, Completed = (bool?)e.Result.Completed,
            })
            .ToListAsync(cancellationToken);

        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.Enrolment!.TraineeId == id)
            .OrderByDescending(c => c.IssueDate).ThenByDescending(c => c.Id)
            .Select(c => new
            {
                c.Id, c.Year, c.SerialNumber, c.RegisterNumber, c.IssueDate, c.Status, c.GradeName, c.ValidUntil,
                Programme = c.Enrolment!.Class!.Programme!.Name, c.Enrolment.Class.Number, ClassYear = c.Enrolment.Class.Year,
            })
            .ToListAsync(cancellationToken);

        return new TraineeDetails(
            t.Id, t.FullName, t.FamilyName, t.MiddleName, t.GivenName, Trainee.SexName(t.Sex), t.Birth?.ToString(), t.Cccd,
            t.Ethnicity, t.Religion, t.Education, t.Qualification, t.Position, t.Unit?.Name,
            Trainee.PartyStatusName(t.PartyStatus), t.PartyJoinDate, t.PartyOfficialDate,
            Trainee.TheoryLevelName(t.TheoryLevel), Trainee.CommitteeRoleName(t.CommitteeRole), t.Phone, t.Note,
            t.IdentityWarnings(),
            classes.Select(c => new TraineeClassLine(
                c.ClassId, c.Programme, $"lớp thứ {c.Number}/{c.Year}", c.Title, c.Centre, c.StartDate, c.EndDate,
                TrainingClass.StatusName(c.ClassStatus), RoleName(c.Role), c.Status == EnrolmentStatus.Withdrawn, c.WithdrawalReason,
                c.Score, c.ResitScore, c.Grade, c.Completed)).ToList(),
            certificates.Select(c => new TraineeCertificateLine(
                c.Id, c.Year, c.SerialNumber, c.RegisterNumber, c.IssueDate, CertificateStatusName(c.Status),
                c.Programme, $"lớp thứ {c.Number}/{c.ClassYear}", c.GradeName, c.ValidUntil)).ToList(),
            await HistoryAsync(id, cancellationToken));
    }

    public async Task<TraineeEditData?> GetForEditAsync(int id, CancellationToken cancellationToken = default)
    {
        var t = await Scoped().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        return t is null ? null : new TraineeEditData(t.Id, t.FullName, TraineeInput.From(t), t.Version, await HistoryMarkAsync(id, cancellationToken));
    }

    /// <summary>
    /// Adds a person. Refuses a CCCD that is already someone's; stops, without saving, when people with
    /// the same name and date of birth exist, unless <paramref name="confirmedDistinct"/> says it is someone else.
    /// <paramref name="submission"/> is the form's one-time token (<see cref="SubmissionToken"/>): a repeated
    /// submit of the same form, even at the same moment, saves nothing more and answers with the person the
    /// first one created.
    /// </summary>
    public async Task<TraineeCreateResult> CreateAsync(TraineeInput input, bool confirmedDistinct, Guid submission = default, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CreateOnceAsync(input, confirmedDistinct, submission, cancellationToken);
        }
        catch (DomainException) when (submission != Guid.Empty)
        {
            // Refused because of this same form's first submit, committed a moment ago (its CCCD now taken)? Answer as it did.
            db.ChangeTracker.Clear();
            var first = await SubmittedAsync(submission, cancellationToken);
            if (first is null)
            {
                throw;
            }

            return new TraineeCreateResult(first, []);
        }
    }

    private async Task<TraineeCreateResult> CreateOnceAsync(TraineeInput input, bool confirmedDistinct, Guid submission, CancellationToken cancellationToken)
    {
        if (await SubmittedAsync(submission, cancellationToken) is { } earlier)
        {
            return new TraineeCreateResult(earlier, []);
        }

        var today = clock.VietnamToday();
        ThrowIfInvalid(input, today);
        await CheckUnitAsync(input.UnitId, keptUnitId: null, cancellationToken);

        var trainee = new Trainee();
        input.ApplyTo(trainee, today);
        trainee.RefreshNameKeys();
        await ThrowIfCccdTakenAsync(trainee.Cccd, exceptId: null, cancellationToken);
        if (!confirmedDistinct)
        {
            var candidates = await TraineeDuplicates.SameNameAndBirthAsync(db, trainee, cancellationToken);
            if (candidates.Count > 0)
            {
                // The namesake may be this very form's person, saved a moment ago by its first submit.
                return await SubmittedAsync(submission, cancellationToken) is { } first
                    ? new TraineeCreateResult(first, [])
                    : new TraineeCreateResult(null, candidates.Select(c => c.Person).ToList());
            }
        }

        db.Trainees.Add(trainee);
        if (submission != Guid.Empty)
        {
            db.SubmissionTokens.Add(new SubmissionToken { Token = submission, Trainee = trainee, UsedAt = DateTime.UtcNow });
        }

        await SaveAsync(trainee, cancellationToken);
        return new TraineeCreateResult(new TraineeSaved(trainee.Id, trainee.FullName, trainee.IdentityWarnings()), []);
    }

    /// <summary>
    /// What the form of a new person should warn about while it is being typed: the CCCD contradicting the
    /// sex or birth year (<see cref="Common.Cccd.CrossCheck"/>, the rule the person page shows), the person who
    /// already has this CCCD, and people with the same name and date of birth (those of the same unit first).
    /// Incomplete input is not an error here: what cannot be read yet is simply not checked.
    /// </summary>
    public async Task<TraineeCheck> CheckAsync(TraineeCheckInput input, CancellationToken cancellationToken = default)
    {
        var today = clock.VietnamToday();
        TraineeInputParser.TryParseBirth(input.Birth, today, out var birth, out _);
        TraineeInputParser.TryParseCccd(input.Cccd, out var cccd, out _);
        var warnings = Common.Cccd.CrossCheck(cccd, input.Sex, birth?.Year);

        TraineeMatch? owner = null;
        if (cccd is not null && await CccdOwnerAsync(cccd, input.ExceptId, CccdCheckTag, cancellationToken) is { } found)
        {
            owner = new TraineeMatch(found.Id, found.FullName, found.Birth, CccdTail(found.Cccd), found.UnitName, SameUnit: false);
        }

        IReadOnlyList<TraineeMatch> namesakes = [];
        if (birth is not null && VietnameseText.Clean(input.GivenName).Length > 0)
        {
            var trainee = new Trainee { FamilyName = input.FamilyName ?? "", MiddleName = input.MiddleName, GivenName = input.GivenName ?? "", Birth = birth, Cccd = cccd };
            trainee.RefreshNameKeys();
            namesakes = (await TraineeDuplicates.SameNameAndBirthAsync(db, trainee, cancellationToken))
                .Where(r => r.Person.Id != input.ExceptId && r.Person.Id != owner?.Id)
                .Select(r => new TraineeMatch(r.Person.Id, r.Person.FullName, r.Person.Birth, CccdTail(r.Person.Cccd), r.Person.UnitName, input.UnitId is not null && r.UnitId == input.UnitId))
                .OrderByDescending(r => r.SameUnit)
                .ToList();
        }

        return new TraineeCheck(warnings, owner, namesakes);
    }

    /// <summary>"…2345": the last digits of a CCCD, enough to tell namesakes apart in a list without showing the whole number.</summary>
    public static string? CccdTail(string? cccd) => cccd is { Length: > 4 } ? "…" + cccd[^4..] : cccd;

    /// <summary>
    /// Saves an edit made on the record as it was at <paramref name="version"/>. If someone saved in
    /// between, nothing is written and <see cref="TraineeEditConflictException"/> says what they changed.
    /// With <paramref name="original"/> (the values the form was opened with), only the fields the user
    /// changed from those are written (<see cref="TraineeMerge"/>): saving again after a conflict keeps what
    /// the other person changed in the fields this user did not touch. Returns null when there is no such trainee.
    /// </summary>
    public async Task<TraineeSaved?> UpdateAsync(int id, TraineeInput input, Guid version, long historyMark, TraineeInput? original = null, CancellationToken cancellationToken = default)
    {
        var today = clock.VietnamToday();
        ThrowIfInvalid(input, today);
        var trainee = await Scoped().AsTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (trainee is null)
        {
            return null;
        }

        if (trainee.Version != version)
        {
            db.Entry(trainee).State = EntityState.Detached;
            throw await ConflictAsync(id, input, original, historyMark, today, cancellationToken);
        }

        if (original is not null)
        {
            input = TraineeMerge.Apply(TraineeInput.From(trainee), input, original, today);
            ThrowIfInvalid(input, today);
        }

        await CheckUnitAsync(input.UnitId, keptUnitId: trainee.UnitId, cancellationToken);
        TraineeInputParser.TryParseCccd(input.Cccd, out var cccd, out _);
        if (cccd is not null && cccd != trainee.Cccd)
        {
            await ThrowIfCccdTakenAsync(cccd, exceptId: id, cancellationToken);
        }

        // The version the editor started from, so a save in between makes this one fail in the database too.
        db.Entry(trainee).Property(t => t.Version).OriginalValue = version;
        input.ApplyTo(trainee, today);
        try
        {
            await SaveAsync(trainee, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(trainee).State = EntityState.Detached;
            throw await ConflictAsync(id, input, original, historyMark, today, cancellationToken);
        }

        return new TraineeSaved(trainee.Id, trainee.FullName, trainee.IdentityWarnings());
    }

    /// <summary>Units a trainee can be put in today, in Vietnamese order; plus <paramref name="keepUnitId"/> if it is no longer current.</summary>
    public async Task<IReadOnlyList<UnitChoice>> UnitChoicesAsync(int? keepUnitId = null, CancellationToken cancellationToken = default)
    {
        var today = clock.VietnamToday();
        var units = await db.OrganisationUnits.AsNoTracking()
            .Where(u => ((u.ValidFrom == null || u.ValidFrom <= today) && (u.ValidTo == null || u.ValidTo >= today)) || u.Id == keepUnitId)
            .Select(u => new { u.Id, u.Name, u.ValidFrom, u.ValidTo })
            .ToListAsync(cancellationToken);
        return units
            .Select(u => new UnitChoice(u.Id, u.Name, (u.ValidFrom == null || u.ValidFrom <= today) && (u.ValidTo == null || u.ValidTo >= today)))
            .OrderBy(u => VietnameseText.SortKey(u.Name), StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Units to filter the registry by: every unit, old ones too (people keep the unit they had); a liaison only has theirs.</summary>
    public async Task<IReadOnlyList<UnitChoice>> FilterUnitChoicesAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.VietnamToday();
        var query = db.OrganisationUnits.AsNoTracking();
        if (scope.UnitId is { } own)
        {
            query = query.Where(u => u.Id == own);
        }

        var units = await query.Select(u => new { u.Id, u.Name, u.ValidFrom, u.ValidTo }).ToListAsync(cancellationToken);
        return units
            .Select(u => new UnitChoice(u.Id, u.Name, (u.ValidFrom == null || u.ValidFrom <= today) && (u.ValidTo == null || u.ValidTo >= today)))
            .OrderBy(u => !u.Current).ThenBy(u => VietnameseText.SortKey(u.Name), StringComparer.Ordinal)
            .ToList();
    }

    public static string RoleName(ClassRole role) => role switch
    {
        ClassRole.Monitor => "Lớp trưởng",
        ClassRole.DeputyMonitor => "Lớp phó",
        _ => "Học viên",
    };

    public static string CertificateStatusName(CertificateStatus status) => status switch
    {
        CertificateStatus.Valid => "Có hiệu lực",
        CertificateStatus.Superseded => "Đã cấp lại",
        CertificateStatus.Revoked => "Đã thu hồi",
        _ => status.ToString(),
    };

    // The trainees this user may see in the registry: all of them, a liaison's own unit, none for a lecturer
    // (who reads names on the grids of their own classes only; the controller refuses them too).
    private IQueryable<Trainee> Scoped()
    {
        var query = db.Trainees.AsNoTracking();
        if (scope.IsLecturer)
        {
            return query.Where(t => false);
        }

        return scope.UnitId is { } unitId ? query.Where(t => t.UnitId == unitId) : query;
    }

    /// <summary>
    /// A name and nothing else to filter on, for a user who sees every trainee: the number of matches counted from the
    /// index's own copy of the keys (exact: <see cref="TraineeNameSearch.CountAsync"/>) instead of reading the trainees.
    /// SQLite also learns whether the page is found faster by walking the SortKey index and keeping the matches (many
    /// matches, an early page) than by reading every match and sorting them (few matches); the order is the same either
    /// way. PostgreSQL's planner makes that choice itself from its statistics: there the walk is always false.
    /// </summary>
    private async Task<(int? Total, bool Walk)> IndexedNameCountAsync(string key, int page, CancellationToken cancellationToken)
    {
        if (scope.IsLecturer || scope.UnitId is not null || await TraineeNameSearch.CountAsync(db, key, cancellationToken) is not { } total)
        {
            return (null, false);
        }

        if (!db.Database.IsSqlite())
        {
            return (total, false);
        }

        // Walking reads about (rows up to the page's end) × people / matches index entries; sorting reads every match.
        var people = await db.Trainees.MaxAsync(t => (int?)t.Id, cancellationToken) ?? 0;
        var upToPage = (long)Math.Clamp(page, 1, Math.Max(1, (total + TraineeSearch.PageSize - 1) / TraineeSearch.PageSize)) * TraineeSearch.PageSize;
        return (total, (long)total * total >= upToPage * people);
    }

    private IQueryable<Trainee> Matching(string? text, bool walkNameOrder = false)
    {
        var query = Scoped();
        if (TraineeInputParser.LooksLikeCccd(text, out var cccd))
        {
            return query.Where(t => t.Cccd == cccd);
        }

        var key = VietnameseText.SearchKey(text);
        return key.Length == 0 ? query : query.WhereNameContains(db, key, walkNameOrder);
    }

    private static bool Matches(string? text) => VietnameseText.SearchKey(text).Length > 0 && !TraineeInputParser.LooksLikeCccd(text, out _);

    // SQLite's planner answers ORDER BY SortKey … LIMIT by walking the SortKey index and reading every
    // row it passes, however rare the name searched: 250 ms over 100,000 trainees when nothing matches.
    // Ordering by an expression instead makes it scan once and sort only the matches (about 30 ms,
    // whatever matches; see docs/performance.md). PostgreSQL estimates the filter and chooses well itself.
    private IOrderedQueryable<Trainee> InNameOrder(IQueryable<Trainee> query, bool filteredByText) =>
        filteredByText && db.Database.IsSqlite()
            ? query.OrderBy(t => t.SortKey + "").ThenBy(t => t.Id)
            : query.OrderBy(t => t.SortKey).ThenBy(t => t.Id);

    private Task<List<LookupRow>> LookupRows(IQueryable<Trainee> query, int take, CancellationToken cancellationToken) =>
        Project(InNameOrder(query, filteredByText: true).Take(take), cancellationToken);

    private static Task<List<LookupRow>> Project(IQueryable<Trainee> query, CancellationToken cancellationToken) =>
        query.Select(t => new LookupRow(t.Id, t.FullName, t.DateOfBirth, t.BirthYearOnly, t.Cccd, t.Unit!.Name)).ToListAsync(cancellationToken);

    private static string? BirthText(DateOnly? date, bool yearOnly) => date is { } d ? PartialDate.From(d, yearOnly).ToString() : null;

    private static void ThrowIfInvalid(TraineeInput input, DateOnly today)
    {
        var errors = input.Validate(today);
        if (errors.Count > 0)
        {
            throw new TraineeInputException(errors);
        }
    }

    // A new choice must be a unit in force today; a unit that was merged away may stay on a record that already has it.
    private async Task CheckUnitAsync(int? unitId, int? keptUnitId, CancellationToken cancellationToken)
    {
        if (unitId is null || unitId == keptUnitId)
        {
            return;
        }

        var unit = await db.OrganisationUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken)
            ?? throw new TraineeInputException([new FieldError(nameof(TraineeInput.UnitId), "Đơn vị đã chọn không tồn tại.")]);
        if (!unit.IsValidOn(clock.VietnamToday()))
        {
            throw new TraineeInputException([new FieldError(nameof(TraineeInput.UnitId), $"Đơn vị \"{unit.Name}\" không còn hiệu lực; vui lòng chọn đơn vị hiện nay.")]);
        }
    }

    private async Task ThrowIfCccdTakenAsync(string? cccd, int? exceptId, CancellationToken cancellationToken)
    {
        if (cccd is not null && await CccdOwnerAsync(cccd, exceptId, CccdCheckTag, cancellationToken) is { } owner)
        {
            throw Duplicate(owner);
        }
    }

    private Task<TraineeRef?> CccdOwnerAsync(string cccd, int? exceptId, string tag, CancellationToken cancellationToken) =>
        db.Trainees.AsNoTracking().TagWith(tag)
            .Where(t => t.Cccd == cccd && t.Id != exceptId)
            .Select(t => new TraineeRef(t.Id, t.FullName, t.DateOfBirth.HasValue ? t.DateOfBirth.Value.Year.ToString() : null, t.Cccd, t.Unit!.Name))
            .FirstOrDefaultAsync(cancellationToken);

    private static DuplicateCccdException Duplicate(TraineeRef owner) =>
        new(owner, owner.Birth is null
            ? $"Số CCCD này đã thuộc về học viên {owner.FullName}."
            : $"Số CCCD này đã thuộc về học viên {owner.FullName} (sinh {owner.Birth}).");

    // Saves; a CCCD taken by someone else between the check and the save (the unique index refuses it)
    // becomes the same refusal as the check's.
    private async Task SaveAsync(Trainee trainee, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            if (trainee.Cccd is null)
            {
                db.ChangeTracker.Clear();
                throw new DomainException("Biểu mẫu này vừa được gửi và đang được lưu; vui lòng tải lại trang để xem kết quả.");
            }

            var cccd = trainee.Cccd;
            var id = db.Entry(trainee).State == EntityState.Added ? (int?)null : trainee.Id;
            db.ChangeTracker.Clear();
            if (await CccdOwnerAsync(cccd, id, CccdOwnerAfterSaveTag, cancellationToken) is { } owner)
            {
                throw Duplicate(owner);
            }

            throw;
        }
    }

    private async Task<TraineeEditConflictException> ConflictAsync(int id, TraineeInput input, TraineeInput? original, long historyMark, DateOnly today, CancellationToken cancellationToken)
    {
        var current = await db.Trainees.AsNoTracking().FirstAsync(t => t.Id == id, cancellationToken);
        var entityId = id.ToString(CultureInfo.InvariantCulture);
        var since = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Trainee) && a.EntityId == entityId && a.Id > historyMark)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);

        var proposed = new Trainee();
        input.ApplyTo(proposed, today);
        var theirs = TraineeFieldText.ValuesOf(current);
        var yours = TraineeFieldText.ValuesOf(proposed);
        var unitIds = new[] { current.UnitId, proposed.UnitId }.OfType<int>().ToList();
        var unitNames = await db.OrganisationUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var changedByYou = original is null ? null : TraineeMerge.ChangedFields(input, original, today).ToHashSet();

        // The fields the other saves touched; without their audit lines, every field where the two versions differ.
        var touched = since.SelectMany(TraineeHistory.Changes).Select(c => TraineeFieldText.FieldOf(c.Property)).ToHashSet();
        var fields = TraineeFieldText.Fields
            .Where(f => touched.Count > 0
                ? touched.Contains(f.Property)
                : TraineeFieldText.Format(f.Property, theirs, unitNames) != TraineeFieldText.Format(f.Property, yours, unitNames))
            .ToList();
        var changes = fields
            .Select(f => changedByYou is null || changedByYou.Contains(f.Property)
                ? $"{f.Label}: “{TraineeFieldText.Format(f.Property, theirs, unitNames)}” → bản của bạn: “{TraineeFieldText.Format(f.Property, yours, unitNames)}”"
                : $"{f.Label}: “{TraineeFieldText.Format(f.Property, theirs, unitNames)}” (bạn không sửa trường này: giữ giá trị của họ)")
            .ToList();

        var last = since.LastOrDefault();
        var by = last is null ? "người khác" : (await WhoAsync([last], cancellationToken))(last);
        var when = last is null ? "" : $" lúc {VietnamTime.Format(last.At)}";
        var message = $"Hồ sơ này vừa được {by} lưu{when}, sau khi bạn mở biểu mẫu. Chưa lưu thay đổi nào của bạn. " +
            (changedByYou is null
                ? "Những gì người kia đã sửa (giá trị của họ → giá trị bạn nhập, vẫn giữ trong biểu mẫu):"
                : "Những gì người kia đã sửa; khi bạn lưu lại, chỉ những trường bạn đã sửa được ghi, các trường khác giữ giá trị của họ:");
        var mark = last?.Id ?? await HistoryMarkAsync(id, cancellationToken);
        return new TraineeEditConflictException(message, changes, current.Version, Math.Max(mark, historyMark)) { Current = TraineeInput.From(current) };
    }

    // What an earlier submit of the same form saved, or null when the token is new (or none was given).
    private async Task<TraineeSaved?> SubmittedAsync(Guid submission, CancellationToken cancellationToken)
    {
        if (submission == Guid.Empty)
        {
            return null;
        }

        var earlier = await db.SubmissionTokens.AsNoTracking()
            .Where(s => s.Token == submission)
            .Select(s => new { s.TraineeId, s.Trainee!.FullName, s.Trainee.Cccd, s.Trainee.Sex, s.Trainee.DateOfBirth })
            .FirstOrDefaultAsync(cancellationToken);
        return earlier is null ? null
            : new TraineeSaved(earlier.TraineeId, earlier.FullName, Common.Cccd.CrossCheck(earlier.Cccd, earlier.Sex, earlier.DateOfBirth?.Year));
    }

    private async Task<long> HistoryMarkAsync(int id, CancellationToken cancellationToken)
    {
        var entityId = id.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.Where(a => a.EntityType == nameof(Trainee) && a.EntityId == entityId)
            .MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
    }

    private async Task<IReadOnlyList<TraineeHistoryLine>> HistoryAsync(int id, CancellationToken cancellationToken)
    {
        var entityId = id.ToString(CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Trainee) && a.EntityId == entityId)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var unitIds = TraineeHistory.UnitIds(entries).Distinct().ToList();
        var unitNames = await db.OrganisationUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return TraineeHistory.Build(entries, unitNames, await WhoAsync(entries, cancellationToken));
    }

    // "Trần Thị Mai (giaovu)" for an account that still exists, else the user name the audit line kept.
    private async Task<Func<AuditEntry, string>> WhoAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var ids = entries.Select(e => e.UserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        return e => e.UserId is { } uid && names.TryGetValue(uid, out var full) && full.Length > 0
            ? $"{full} ({e.UserName})"
            : e.UserName == SystemUser.Instance.UserName ? "Hệ thống" : e.UserName ?? "Hệ thống";
    }

    private sealed record Row(int Id, string FullName, Sex? Sex, DateOnly? DateOfBirth, bool BirthYearOnly, string? Cccd, string? UnitName, int ClassCount);

    private sealed record LookupRow(int Id, string FullName, DateOnly? DateOfBirth, bool BirthYearOnly, string? Cccd, string? UnitName);
}
