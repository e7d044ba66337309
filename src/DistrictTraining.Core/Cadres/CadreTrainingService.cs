using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Cadres;

/// <summary>What the form of one course of higher-level training holds; <see cref="Id"/> null for a new one.</summary>
public sealed record ExternalTrainingInput(
    int? Id,
    int TraineeId,
    TheoryLevel Level,
    string? Institution,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    TrainingOutcome Outcome,
    string? Note,
    Guid? Version = null);

/// <summary>One line of a person's register of higher-level training.</summary>
public sealed record ExternalTrainingLine(
    int Id,
    string LevelName,
    string Institution,
    DateOnly StartDate,
    DateOnly? EndDate,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    TrainingOutcome Outcome,
    string OutcomeName,
    string? Note,
    bool CanEdit);

/// <summary>A person's register of higher-level training (cử đi học), as their page shows it.</summary>
public sealed record CadreTrainingRegister(
    int TraineeId,
    string FullName,
    string? UnitName,
    string TheoryLevelName,
    IReadOnlyList<ExternalTrainingLine> Lines,
    bool CanEdit);

/// <summary>A course's form could not be saved: the messages, each under its field.</summary>
public sealed class ExternalTrainingInputException(IReadOnlyList<FieldError> errors)
    : DomainException(string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>
/// The register of people sent to higher-level political-theory training (cử đi học): each person's courses, entered
/// by centre staff on the person's page (or imported, <see cref="CadreTrainingImportService"/>). Everyone who may see a
/// person sees their courses (a unit liaison their own unit's people; lecturers nobody); staff change the courses
/// their centre recorded. A completed course raises the person's level (<see cref="ExternalTraining.RecordOutcome"/>),
/// and the change is audited with the course in the same save.
/// </summary>
public sealed class CadreTrainingService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    /// <summary>The person's register, or null when the person does not exist or is not this user's to see.</summary>
    public async Task<CadreTrainingRegister?> RegisterAsync(int traineeId, CancellationToken cancellationToken = default)
    {
        var person = await Visible().Where(t => t.Id == traineeId)
            .Select(t => new { t.Id, t.FullName, UnitName = t.Unit != null ? t.Unit.Name : null, t.TheoryLevel })
            .FirstOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return null;
        }

        var rows = await db.ExternalTrainings.AsNoTracking().Where(x => x.TraineeId == traineeId)
            .OrderByDescending(x => x.StartDate).ThenByDescending(x => x.Id)
            .Select(x => new { x.Id, x.Level, x.Institution, x.StartDate, x.EndDate, x.DecisionNumber, x.DecisionDate, x.Outcome, x.Note, x.CentreId })
            .ToListAsync(cancellationToken);
        var lines = rows.Select(x => new ExternalTrainingLine(
                x.Id, Trainee.TheoryLevelName(x.Level), x.Institution, x.StartDate, x.EndDate, x.DecisionNumber, x.DecisionDate,
                x.Outcome, ExternalTraining.OutcomeName(x.Outcome), x.Note, MayChange(x.CentreId)))
            .ToList();
        return new CadreTrainingRegister(person.Id, person.FullName, person.UnitName, Trainee.TheoryLevelName(person.TheoryLevel), lines, CanRecord);
    }

    /// <summary>A course as its form shows it, or null when it is not one this user may change.</summary>
    public async Task<ExternalTrainingInput?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!CanRecord)
        {
            return null;
        }

        var centreId = scope.CentreId;
        return await db.ExternalTrainings.AsNoTracking()
            .Where(x => x.Id == id && (x.CentreId == null || x.CentreId == centreId))
            .Select(x => new ExternalTrainingInput(x.Id, x.TraineeId, x.Level, x.Institution, x.StartDate, x.EndDate, x.DecisionNumber,
                x.DecisionDate, x.Outcome, x.Note, x.Version))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Adds or changes a course. Returns its id and whether the person's political-theory level moved up with it.
    /// Refuses, field by field, what breaks a rule; a course changed meanwhile by someone else is refused, not overwritten.
    /// </summary>
    public async Task<(int Id, bool LevelRaised)> SaveAsync(ExternalTrainingInput input, CancellationToken cancellationToken = default)
    {
        if (!CanRecord)
        {
            throw new DomainException("Chỉ cán bộ Trung tâm được ghi nhận việc cử đi học.");
        }

        var values = Validate(input, clock.VietnamToday());
        var person = await db.Trainees.FirstOrDefaultAsync(t => t.Id == input.TraineeId, cancellationToken)
            ?? throw new DomainException("Không tìm thấy học viên.");

        ExternalTraining course;
        if (input.Id is { } id)
        {
            var centreId = scope.CentreId;
            course = await db.ExternalTrainings.FirstOrDefaultAsync(x => x.Id == id && x.TraineeId == person.Id && (x.CentreId == null || x.CentreId == centreId), cancellationToken)
                ?? throw new DomainException("Không tìm thấy khóa học này, hoặc khóa học do trung tâm khác ghi nhận.");
            if (input.Version is { } version)
            {
                db.Entry(course).Property(x => x.Version).OriginalValue = version;
            }
        }
        else
        {
            course = new ExternalTraining { TraineeId = person.Id, CentreId = scope.CentreId };
            db.ExternalTrainings.Add(course);
        }

        values.ApplyTo(course);
        var raised = course.RecordOutcome(input.Outcome, person);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new DomainException("Khóa học này vừa được người khác sửa. Vui lòng mở lại để xem thông tin mới nhất.");
        }

        return (course.Id, raised);
    }

    /// <summary>Removes a course recorded by mistake. The person's level stays as it is (it is changed on their profile).</summary>
    public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!CanRecord)
        {
            throw new DomainException("Chỉ cán bộ Trung tâm được ghi nhận việc cử đi học.");
        }

        var centreId = scope.CentreId;
        var course = await db.ExternalTrainings.FirstOrDefaultAsync(x => x.Id == id && (x.CentreId == null || x.CentreId == centreId), cancellationToken)
            ?? throw new DomainException("Không tìm thấy khóa học này, hoặc khóa học do trung tâm khác ghi nhận.");
        db.ExternalTrainings.Remove(course);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The checked values of a form or an imported line; the errors, field by field, otherwise.</summary>
    internal static CourseValues Validate(ExternalTrainingInput input, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (!ExternalTraining.Levels.Contains(input.Level))
        {
            errors.Add(new(nameof(input.Level), "Vui lòng chọn trình độ đào tạo (sơ cấp, trung cấp, cao cấp, cử nhân hoặc sau đại học)."));
        }

        var institution = VietnameseText.Clean(input.Institution);
        if (institution.Length == 0)
        {
            errors.Add(new(nameof(input.Institution), "Vui lòng nhập cơ sở đào tạo."));
        }
        else if (institution.Length > 200)
        {
            errors.Add(new(nameof(input.Institution), "Tên cơ sở đào tạo dài quá 200 ký tự."));
        }

        if (input.StartDate is not { } start)
        {
            errors.Add(new(nameof(input.StartDate), "Vui lòng nhập ngày bắt đầu khóa học."));
        }
        else if (start.Year < 1950 || start > today.AddYears(1))
        {
            errors.Add(new(nameof(input.StartDate), "Ngày bắt đầu khóa học không hợp lệ."));
        }

        if (input.EndDate is { } end && input.StartDate is { } begin && end < begin)
        {
            errors.Add(new(nameof(input.EndDate), "Ngày kết thúc phải sau ngày bắt đầu."));
        }

        if (!Enum.IsDefined(input.Outcome))
        {
            errors.Add(new(nameof(input.Outcome), "Kết quả học tập không hợp lệ."));
        }
        else if (input.Outcome == TrainingOutcome.Completed)
        {
            if (input.EndDate is null)
            {
                errors.Add(new(nameof(input.EndDate), "Khóa học đã hoàn thành cần có ngày kết thúc."));
            }
            else if (input.EndDate > today)
            {
                errors.Add(new(nameof(input.EndDate), "Khóa học chưa kết thúc thì chưa thể ghi là hoàn thành."));
            }
        }

        var decision = VietnameseText.Clean(input.DecisionNumber);
        if (decision.Length > 50)
        {
            errors.Add(new(nameof(input.DecisionNumber), "Số quyết định dài quá 50 ký tự."));
        }

        if (input.DecisionDate is { } decided && (decided.Year < 1950 || decided > today))
        {
            errors.Add(new(nameof(input.DecisionDate), "Ngày quyết định không hợp lệ."));
        }

        var note = VietnameseText.Clean(input.Note);
        if (note.Length > 500)
        {
            errors.Add(new(nameof(input.Note), "Ghi chú dài quá 500 ký tự."));
        }

        if (errors.Count > 0)
        {
            throw new ExternalTrainingInputException(errors);
        }

        return new CourseValues(input.Level, institution, input.StartDate!.Value, input.EndDate, decision.Length == 0 ? null : decision,
            input.DecisionDate, note.Length == 0 ? null : note);
    }

    internal sealed record CourseValues(TheoryLevel Level, string Institution, DateOnly StartDate, DateOnly? EndDate, string? DecisionNumber, DateOnly? DecisionDate, string? Note)
    {
        public void ApplyTo(ExternalTraining course)
        {
            course.Level = Level;
            course.Institution = Institution;
            course.StartDate = StartDate;
            course.EndDate = EndDate;
            course.DecisionNumber = DecisionNumber;
            course.DecisionDate = DecisionDate;
            course.Note = Note;
        }
    }

    private bool CanRecord => scope.CanEdit && scope.CentreId is not null && !scope.IsLecturer;

    private bool MayChange(int? centreId) => CanRecord && (centreId is null || centreId == scope.CentreId);

    // Who may see a person's courses: as for the person (all of the registry; a liaison's own unit; no lecturer).
    private IQueryable<Trainee> Visible()
    {
        var query = db.Trainees.AsNoTracking();
        if (scope.IsLecturer)
        {
            return query.Where(t => false);
        }

        return scope.UnitId is { } unitId ? query.Where(t => t.UnitId == unitId) : query;
    }
}
