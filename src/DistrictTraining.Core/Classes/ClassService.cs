using System.Globalization;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Classes;

/// <summary>
/// Classes of the user's centre: the list, the details page, the class form (with the proposed
/// number) and status moves. The provincial office reads every centre; only staff of the class's
/// own centre change it.
/// </summary>
public sealed class ClassService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    public const int PageSize = 25;

    /// <summary>
    /// One page of the classes the user may read, newest year first, then latest start date
    /// (classes without dates first: they are still being planned), then number.
    /// </summary>
    public async Task<PagedList<ClassListItem>> ListAsync(ClassListFilter filter, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        var query = Readable();
        if (filter.Year is { } year)
        {
            query = query.Where(c => c.Year == year);
        }

        if (filter.ProgrammeId is { } programmeId)
        {
            query = query.Where(c => c.ProgrammeId == programmeId);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.VenueKind is { } kind)
        {
            query = query.Where(c => c.VenueKind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Venue))
        {
            // Venue names have no search-key column, and LIKE differs between SQLite and PostgreSQL
            // on case and diacritics. A centre uses few distinct venue names, so they are matched
            // here the Vietnamese way ("cum xa" finds "Cụm xã") and the classes filtered by name.
            var key = VietnameseText.SearchKey(filter.Venue);
            var names = await query.Where(c => c.VenueName != null).Select(c => c.VenueName!).Distinct().ToListAsync(cancellationToken);
            var matching = names.Where(n => VietnameseText.SearchKey(n).Contains(key, StringComparison.Ordinal)).ToList();
            query = query.Where(c => c.VenueName != null && matching.Contains(c.VenueName));
        }

        if (filter.UnitId is { } unitId)
        {
            // "Served" means: at least one trainee still on the roster was sent by the unit, or by a
            // unit merged into it (after the 2025 merge a new commune still finds the classes its old
            // communes attended). Where a class is held is not used: a class held in a commune
            // cluster serves every commune of the cluster, not only its host.
            var units = db.OrganisationUnits.Where(u => u.Id == unitId || u.SucceededById == unitId).Select(u => (int?)u.Id);
            query = query.Where(c => c.Enrolments.Any(e => e.Status == EnrolmentStatus.Active && units.Contains(e.UnitId)));
        }

        var rows = query
            .OrderByDescending(c => c.Year)
            .ThenBy(c => c.StartDate == null ? 0 : 1)
            .ThenByDescending(c => c.StartDate)
            .ThenBy(c => c.Number)
            .ThenBy(c => c.Id)
            .Select(c => new ClassListItem(
                c.Id,
                c.Centre!.Name,
                c.Programme!.Name,
                c.Year,
                c.Number,
                c.Title,
                c.StartDate,
                c.EndDate,
                c.VenueKind,
                c.VenueName,
                c.Status,
                c.Enrolments.Count(e => e.Status == EnrolmentStatus.Active)));
        return await PagedList<ClassListItem>.CreateAsync(rows, filter.Page, pageSize, cancellationToken);
    }

    public async Task<ClassListChoices> ListChoicesAsync(CancellationToken cancellationToken = default)
    {
        var years = await Readable().Select(c => c.Year).Distinct().ToListAsync(cancellationToken);
        var thisYear = clock.VietnamToday().Year;
        if (!years.Contains(thisYear))
        {
            years.Add(thisYear);
        }

        var programmes = await db.Programmes.OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id)
            .Select(p => new Choice(p.Id, p.Name)).ToListAsync(cancellationToken);

        // The units a centre serves, now or before a reorganisation; every unit for the provincial
        // office, or for a centre whose served units are not recorded yet.
        var allCentres = scope.AllCentres;
        var centreId = scope.CentreId ?? -1;
        var served = db.CentreServedUnits.Where(s => allCentres || s.CentreId == centreId).Select(s => s.UnitId);
        var units = await db.OrganisationUnits.Where(u => served.Contains(u.Id)).Select(u => new Choice(u.Id, u.Name)).ToListAsync(cancellationToken);
        if (units.Count == 0)
        {
            units = await db.OrganisationUnits.Select(u => new Choice(u.Id, u.Name)).ToListAsync(cancellationToken);
        }

        var byName = StringComparer.Create(VietnameseText.Culture, CompareOptions.IgnoreCase);
        return new ClassListChoices(
            years.OrderDescending().ToList(),
            programmes,
            units.OrderBy(u => u.Name, byName).ToList(),
            scope.AllCentres);
    }

    public async Task<ClassDetails?> GetDetailsAsync(int id, CancellationToken cancellationToken = default)
    {
        var editableCentre = scope.CanEdit ? scope.CentreId ?? -1 : -1;
        var details = await Readable().Where(c => c.Id == id)
            .Select(c => new ClassDetails(
                c.Id,
                c.Centre!.Name,
                c.Centre.MinimumClassSize,
                c.Programme!.Name,
                c.Year,
                c.Number,
                c.Title,
                c.VenueKind,
                c.VenueName,
                c.StartDate,
                c.EndDate,
                c.Status,
                c.CancellationReason,
                c.Funding,
                c.Partner,
                c.HeadLecturer != null ? c.HeadLecturer.FullName : null,
                c.AcademicOfficerName,
                c.Enrolments.Count(e => e.Status == EnrolmentStatus.Active),
                c.CentreId == editableCentre))
            .FirstOrDefaultAsync(cancellationToken);
        if (details is null)
        {
            return null;
        }

        var sessions = await db.ClassSessions.Where(s => s.ClassId == id)
            .OrderBy(s => s.Date).ThenBy(s => s.Part).ThenBy(s => s.Id)
            .Select(s => new SessionRow(s.Id, s.Date, s.Part, s.Topic, s.Lecturer != null ? s.Lecturer.FullName : null, s.Periods))
            .ToListAsync(cancellationToken);
        return details with { Sessions = sessions };
    }

    /// <summary>A new class's form: the given (or first) programme, the given (or current) year, and the proposed number.</summary>
    public async Task<ClassEdit> NewAsync(int? programmeId, int? year, CancellationToken cancellationToken = default)
    {
        var programme = programmeId
            ?? await db.Programmes.Where(p => p.IsActive).OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken)
            ?? 0;
        var classYear = year ?? clock.VietnamToday().Year;
        return new ClassEdit
        {
            ProgrammeId = programme,
            Year = classYear,
            Number = await ProposeNumberAsync(programme, classYear, cancellationToken),
        };
    }

    /// <summary>The next number of a programme's classes in a year at the user's centre: the largest so far plus one.</summary>
    public async Task<int> ProposeNumberAsync(int programmeId, int year, CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        var max = await db.TrainingClasses
            .Where(c => c.CentreId == centreId && c.ProgrammeId == programmeId && c.Year == year)
            .MaxAsync(c => (int?)c.Number, cancellationToken);
        return (max ?? 0) + 1;
    }

    private static readonly System.Linq.Expressions.Expression<Func<TrainingClass, ClassEdit>> AsEdit = c => new ClassEdit
    {
        Id = c.Id, Version = c.Version, ProgrammeId = c.ProgrammeId, Year = c.Year, Number = c.Number, Title = c.Title,
        VenueKind = c.VenueKind, VenueName = c.VenueName, StartDate = c.StartDate, EndDate = c.EndDate, Funding = c.Funding,
        Partner = c.Partner, HeadLecturerId = c.HeadLecturerId, AcademicOfficerName = c.AcademicOfficerName,
    };

    public async Task<ClassEdit?> GetForEditAsync(int id, CancellationToken cancellationToken = default) =>
        await Editable().Where(c => c.Id == id)
            .Select(AsEdit)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The programmes and the centre's lecturers (active ones, plus the one already chosen).</summary>
    public async Task<ClassFormChoices> FormChoicesAsync(int? programmeId, int? headLecturerId, CancellationToken cancellationToken = default)
    {
        var programmes = await db.Programmes.Where(p => p.IsActive || p.Id == programmeId)
            .OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id)
            .Select(p => new Choice(p.Id, p.Name)).ToListAsync(cancellationToken);
        var lecturers = await LecturerChoices.ForCentreAsync(db, scope.RequireCentre(), headLecturerId, cancellationToken);
        return new ClassFormChoices(programmes, lecturers);
    }

    /// <summary>
    /// Creates or updates a class and returns its id. Refuses a duplicate number, wrong dates and a
    /// stale form (<see cref="ClassEditConflictException"/>) with a Vietnamese message.
    /// </summary>
    public async Task<int> SaveAsync(ClassEdit edit, CancellationToken cancellationToken = default)
    {
        var centreId = RequireEditor();
        Validate(edit);
        if (!await db.Programmes.AnyAsync(p => p.Id == edit.ProgrammeId, cancellationToken))
        {
            throw new DomainException("Vui lòng chọn chương trình đào tạo.");
        }

        if (edit.HeadLecturerId is { } lecturerId && !await db.Lecturers.AnyAsync(l => l.Id == lecturerId && l.CentreId == centreId, cancellationToken))
        {
            throw new DomainException("Giảng viên chủ nhiệm không thuộc trung tâm này.");
        }

        if (await db.TrainingClasses.AnyAsync(
                c => c.CentreId == centreId && c.ProgrammeId == edit.ProgrammeId && c.Year == edit.Year && c.Number == edit.Number && c.Id != edit.Id,
                cancellationToken))
        {
            throw DuplicateNumber(edit);
        }

        TrainingClass entity;
        if (edit.Id is { } id)
        {
            entity = await Editable().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                ?? throw new DomainException("Không tìm thấy lớp học, hoặc lớp không thuộc trung tâm của bạn.");
            if (edit.Version is { } version)
            {
                // The save succeeds only if nobody saved the class since this form was opened.
                db.Entry(entity).Property(c => c.Version).OriginalValue = version;
            }

            if (entity.ProgrammeId != edit.ProgrammeId || entity.Year != edit.Year || entity.Number != edit.Number
                || entity.StartDate != edit.StartDate || entity.EndDate != edit.EndDate)
            {
                await ClassRecords.EnsureChangeableAsync(db, id, ClassPart.ClassFacts, cancellationToken);
            }

            await CheckSessionsFitAsync(id, edit, cancellationToken);
        }
        else
        {
            entity = new TrainingClass { CentreId = centreId };
            db.TrainingClasses.Add(entity);
        }

        entity.ProgrammeId = edit.ProgrammeId;
        entity.Year = edit.Year;
        entity.Number = edit.Number;
        entity.Title = CleanOrNull(edit.Title);
        entity.VenueKind = edit.VenueKind;
        entity.VenueName = CleanOrNull(edit.VenueName);
        entity.StartDate = edit.StartDate;
        entity.EndDate = edit.EndDate;
        entity.Funding = edit.Funding;
        entity.Partner = CleanOrNull(edit.Partner);
        entity.HeadLecturerId = edit.HeadLecturerId;
        entity.AcademicOfficerName = CleanOrNull(edit.AcademicOfficerName);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (edit.Id is not null)
        {
            throw await ConflictAsync(edit, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Two people took the same number at once: the check above passed for both, the unique
            // index refused the second.
            throw DuplicateNumber(edit);
        }

        return entity.Id;
    }

    /// <summary>Moves a class along planned → open → finished, or cancels it with a reason (<see cref="TrainingClass.MoveTo"/>).</summary>
    public async Task MoveAsync(int id, ClassStatus to, string? reason, CancellationToken cancellationToken = default)
    {
        RequireEditor();
        var entity = await Editable().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new DomainException("Không tìm thấy lớp học, hoặc lớp không thuộc trung tâm của bạn.");
        entity.MoveTo(to, reason is null ? null : VietnameseText.Clean(reason));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Lớp học vừa được người khác cập nhật. Vui lòng xem lại rồi thực hiện lại.");
        }
    }

    /// <summary>The classes the user may read: their centre's, every centre's for the provincial office, a lecturer's own.</summary>
    private IQueryable<TrainingClass> Readable()
    {
        if (scope.AllCentres)
        {
            return db.TrainingClasses;
        }

        if (scope.IsLecturer)
        {
            return scope.UserId is { } userId ? db.TrainingClasses.Where(LecturerClasses.TaughtBy(db, userId)) : db.TrainingClasses.Where(c => false);
        }

        var centreId = scope.CentreId ?? -1;
        return db.TrainingClasses.Where(c => c.CentreId == centreId);
    }

    /// <summary>The classes the user may change: those of their own centre, for staff only.</summary>
    private IQueryable<TrainingClass> Editable()
    {
        var centreId = scope.CanEdit ? scope.CentreId ?? -1 : -1;
        return db.TrainingClasses.Where(c => c.CentreId == centreId);
    }

    private int RequireEditor()
    {
        if (!scope.CanEdit)
        {
            throw new DomainException("Tài khoản của bạn chỉ được xem, không được thay đổi lớp học.");
        }

        return scope.RequireCentre();
    }

    private static void Validate(ClassEdit edit)
    {
        if (edit.Year is < 2000 or > 2100)
        {
            throw new DomainException("Năm của lớp phải từ 2000 đến 2100.");
        }

        if (edit.Number < 1)
        {
            throw new DomainException("Số lớp phải là số nguyên dương.");
        }

        if (edit.StartDate is { } start && edit.EndDate is { } end && end < start)
        {
            throw new DomainException("Ngày bế giảng phải cùng ngày hoặc sau ngày khai giảng.");
        }

        if (edit.VenueKind != VenueKind.Centre && string.IsNullOrWhiteSpace(edit.VenueName))
        {
            throw new DomainException($"Vui lòng nhập tên địa điểm ({ClassLabels.VenueKindName(edit.VenueKind).ToLower(VietnameseText.Culture)}).");
        }
    }

    /// <summary>New class dates must still hold every session already on the timetable.</summary>
    private async Task CheckSessionsFitAsync(int classId, ClassEdit edit, CancellationToken cancellationToken)
    {
        var dates = db.ClassSessions.Where(s => s.ClassId == classId).Select(s => s.Date);
        if (edit.StartDate is not { } start || edit.EndDate is not { } end)
        {
            if (await dates.AnyAsync(cancellationToken))
            {
                throw new DomainException("Lớp đã có thời khóa biểu nên phải có ngày khai giảng và ngày bế giảng.");
            }

            return;
        }

        var outside = await dates.Where(d => d < start || d > end).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        if (outside.Count > 0)
        {
            throw new DomainException(
                $"Thời khóa biểu có buổi học ngoài thời gian mới của lớp (ngày {string.Join(", ", outside.Select(Day))}). Hãy sửa các buổi học đó trước.");
        }
    }

    private async Task<ClassEditConflictException> ConflictAsync(ClassEdit edit, CancellationToken cancellationToken)
    {
        var theirs = await db.TrainingClasses.AsNoTracking().Where(c => c.Id == edit.Id).Select(AsEdit).FirstAsync(cancellationToken);
        var names = await db.TrainingClasses.AsNoTracking().Where(c => c.Id == edit.Id)
            .Select(c => new { ProgrammeName = c.Programme!.Name, HeadLecturerName = c.HeadLecturer != null ? c.HeadLecturer.FullName : null })
            .FirstAsync(cancellationToken);
        var differences = new List<FieldDifference>();

        void Compare<T>(string field, string label, T mine, T their, string shown)
        {
            if (!EqualityComparer<T>.Default.Equals(mine, their))
            {
                differences.Add(new FieldDifference(field, label, shown));
            }
        }

        Compare(nameof(ClassEdit.ProgrammeId), "Chương trình", edit.ProgrammeId, theirs.ProgrammeId, names.ProgrammeName);
        Compare(nameof(ClassEdit.Year), "Năm", edit.Year, theirs.Year, theirs.Year.ToString(CultureInfo.InvariantCulture));
        Compare(nameof(ClassEdit.Number), "Số lớp", edit.Number, theirs.Number, theirs.Number.ToString(CultureInfo.InvariantCulture));
        Compare(nameof(ClassEdit.Title), "Tên lớp", CleanOrNull(edit.Title), theirs.Title, Shown(theirs.Title));
        Compare(nameof(ClassEdit.VenueKind), "Địa điểm", edit.VenueKind, theirs.VenueKind, ClassLabels.VenueKindName(theirs.VenueKind));
        Compare(nameof(ClassEdit.VenueName), "Tên địa điểm", CleanOrNull(edit.VenueName), theirs.VenueName, Shown(theirs.VenueName));
        Compare(nameof(ClassEdit.StartDate), "Ngày khai giảng", edit.StartDate, theirs.StartDate, theirs.StartDate is { } s ? Day(s) : "(để trống)");
        Compare(nameof(ClassEdit.EndDate), "Ngày bế giảng", edit.EndDate, theirs.EndDate, theirs.EndDate is { } e ? Day(e) : "(để trống)");
        Compare(nameof(ClassEdit.Funding), "Kinh phí", edit.Funding, theirs.Funding, ClassLabels.FundingName(theirs.Funding));
        Compare(nameof(ClassEdit.Partner), "Đơn vị phối hợp", CleanOrNull(edit.Partner), theirs.Partner, Shown(theirs.Partner));
        Compare(nameof(ClassEdit.HeadLecturerId), "Giảng viên chủ nhiệm", edit.HeadLecturerId, theirs.HeadLecturerId, Shown(names.HeadLecturerName));
        Compare(nameof(ClassEdit.AcademicOfficerName), "Cán bộ giáo vụ", CleanOrNull(edit.AcademicOfficerName), theirs.AcademicOfficerName, Shown(theirs.AcademicOfficerName));
        return new ClassEditConflictException(differences, theirs.Version!.Value);
    }

    private static DomainException DuplicateNumber(ClassEdit edit) =>
        new($"Số lớp {edit.Number}/{edit.Year} của chương trình này đã có.");


    private static string? CleanOrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Clean(text);

    private static string Shown(string? value) => string.IsNullOrEmpty(value) ? "(để trống)" : value;

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}

internal static class LecturerChoices
{
    /// <summary>A centre's active lecturers in Vietnamese name order, plus <paramref name="chosenId"/> even if no longer active.</summary>
    public static async Task<IReadOnlyList<Choice>> ForCentreAsync(AppDbContext db, int centreId, int? chosenId, CancellationToken cancellationToken) =>
        await db.Lecturers.Where(l => l.CentreId == centreId && (l.IsActive || l.Id == chosenId))
            .OrderBy(l => l.SortKey).ThenBy(l => l.Id)
            .Select(l => new Choice(l.Id, l.IsActive ? l.FullName : l.FullName + " (đã nghỉ)"))
            .ToListAsync(cancellationToken);
}
