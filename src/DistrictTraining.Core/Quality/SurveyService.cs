using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Quality;

/// <summary>An item of the questionnaire form; <see cref="Id"/> null for a new one.</summary>
public sealed record SurveyItemInput(int? Id, string? Text, bool IsActive);

public sealed record SurveyItemView(int Id, string Text, bool IsActive);

/// <summary>A survey of a class as its list shows it: the short link key, the period, how many codes and answers.</summary>
public sealed record SurveySummary(int Id, string PublicKey, DateOnly OpensOn, DateOnly ClosesOn, int Codes, int UsedCodes, int Targets, bool IsOpen);

/// <summary>A lecturer and topic of the class's timetable, which a survey opened now would ask about.</summary>
public sealed record SurveyTargetChoice(int LecturerId, string LecturerName, string Topic);

/// <summary>A class's surveys page.</summary>
public sealed record ClassSurveys(int ClassId, string ClassName, int ActiveTrainees, IReadOnlyList<SurveySummary> Surveys, IReadOnlyList<SurveyTargetChoice> Targets, bool CanEdit);

/// <summary>What opening a survey needs: the class, the days it is open, how many codes to print (default: one per trainee).</summary>
public sealed record SurveyOpening(int ClassId, DateOnly? OpensOn, DateOnly? ClosesOn, int? CodeCount);

/// <summary>The printable slips of a survey: where to answer and one code per slip.</summary>
public sealed record SurveySlips(int SurveyId, int ClassId, string ClassName, string CentreName, string PublicKey, DateOnly ClosesOn, string? PublicBaseUrl, IReadOnlyList<string> Codes);

/// <summary>
/// The centre's trainee surveys of lecturers (phiếu khảo sát), staff side: the questionnaire (its administrator edits
/// it), opening a survey for a class with its one-time codes, and printing the slips. Answering is public and
/// anonymous (<see cref="SurveyAnsweringService"/>, ADR-012); the results are <see cref="SurveyResultsService"/>'s.
/// </summary>
public sealed class SurveyService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    public const int MaxCodes = 200;

    /// <summary>The centre's questionnaire; the default items (not yet saved) when the centre has none.</summary>
    public async Task<IReadOnlyList<SurveyItemView>> ItemsAsync(CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        var items = await db.SurveyItems.AsNoTracking().Where(i => i.CentreId == centreId)
            .OrderBy(i => i.DisplayOrder).ThenBy(i => i.Id)
            .Select(i => new SurveyItemView(i.Id, i.Text, i.IsActive))
            .ToListAsync(cancellationToken);
        return items.Count > 0 ? items : [.. SurveyItem.Defaults.Select(t => new SurveyItemView(0, t, true))];
    }

    /// <summary>
    /// Saves the questionnaire in the order given (administrator only): texts changed, items added, items switched off.
    /// Items are never deleted, so earlier surveys (which keep their own copy) are untouched. At least one item stays on.
    /// </summary>
    public async Task SaveItemsAsync(IReadOnlyList<SurveyItemInput> items, CancellationToken cancellationToken = default)
    {
        if (!scope.IsAdministrator)
        {
            throw new DomainException("Chỉ quản trị viên được sửa phiếu khảo sát.");
        }

        var centreId = scope.RequireCentre();
        var cleaned = items.Select(i => i with { Text = VietnameseText.Clean(i.Text) }).Where(i => i.Id is not null || i.Text!.Length > 0).ToList();
        if (cleaned.Any(i => i.Text!.Length == 0))
        {
            throw new DomainException("Nội dung câu hỏi không được để trống.");
        }

        if (cleaned.Any(i => i.Text!.Length > 300))
        {
            throw new DomainException("Mỗi câu hỏi dài tối đa 300 ký tự.");
        }

        if (!cleaned.Any(i => i.IsActive))
        {
            throw new DomainException("Phiếu khảo sát cần ít nhất một câu hỏi đang dùng.");
        }

        if (cleaned.Count(i => i.IsActive) > 10)
        {
            throw new DomainException("Phiếu khảo sát dùng tối đa 10 câu hỏi chấm điểm, để học viên trả lời được trên điện thoại.");
        }

        var existing = await db.SurveyItems.Where(i => i.CentreId == centreId).ToDictionaryAsync(i => i.Id, cancellationToken);
        for (var order = 0; order < cleaned.Count; order++)
        {
            var input = cleaned[order];
            if (input.Id is { } id and > 0)
            {
                var item = existing.GetValueOrDefault(id) ?? throw new DomainException("Câu hỏi không thuộc phiếu khảo sát của trung tâm.");
                (item.Text, item.IsActive, item.DisplayOrder) = (input.Text!, input.IsActive, order + 1);
            }
            else
            {
                db.SurveyItems.Add(new SurveyItem { CentreId = centreId, Text = input.Text!, IsActive = input.IsActive, DisplayOrder = order + 1 });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A class's surveys and what a new one would ask about; null when the class is not this centre's.</summary>
    public async Task<ClassSurveys?> ClassAsync(int classId, CancellationToken cancellationToken = default)
    {
        var centreId = scope.CentreId;
        var cls = await db.TrainingClasses.AsNoTracking()
            .Where(c => c.Id == classId && (scope.AllCentres || c.CentreId == centreId))
            .Select(c => new { c.Id, ProgrammeName = c.Programme!.Name, c.Title, c.Number, c.Year, Active = c.Enrolments.Count(e => e.Status != EnrolmentStatus.Withdrawn) })
            .FirstOrDefaultAsync(cancellationToken);
        if (cls is null || scope.IsLecturer || scope.UnitId is not null)
        {
            return null;
        }

        var today = clock.VietnamToday();
        var surveys = await db.Surveys.AsNoTracking().Where(s => s.ClassId == classId)
            .OrderByDescending(s => s.OpensOn).ThenByDescending(s => s.Id)
            .Select(s => new
            {
                s.Id, s.PublicKey, s.OpensOn, s.ClosesOn,
                Codes = db.SurveyCodes.Count(c => c.SurveyId == s.Id),
                Used = db.SurveyCodes.Count(c => c.SurveyId == s.Id && c.Used),
                Targets = s.Targets.Count,
            })
            .ToListAsync(cancellationToken);
        return new ClassSurveys(
            cls.Id,
            ClassLabels.ClassName(cls.ProgrammeName, cls.Title, cls.Number, cls.Year),
            cls.Active,
            [.. surveys.Select(s => new SurveySummary(s.Id, s.PublicKey, s.OpensOn, s.ClosesOn, s.Codes, s.Used, s.Targets, today >= s.OpensOn && today <= s.ClosesOn))],
            await TargetsAsync(classId, cancellationToken),
            scope.CanEdit && scope.CentreId is not null);
    }

    /// <summary>
    /// Opens a survey of the class: the questionnaire's active items are copied, every lecturer and topic of the
    /// timetable becomes a target, and <see cref="SurveyOpening.CodeCount"/> one-time codes are made (not tied to anyone).
    /// </summary>
    public async Task<int> OpenAsync(SurveyOpening opening, CancellationToken cancellationToken = default)
    {
        if (!scope.CanEdit || scope.IsLecturer)
        {
            throw new DomainException("Chỉ cán bộ Trung tâm được mở phiếu khảo sát.");
        }

        var centreId = scope.RequireCentre();
        var cls = await db.TrainingClasses.AsNoTracking().Where(c => c.Id == opening.ClassId && c.CentreId == centreId)
            .Select(c => new { c.Id, c.Status, Active = c.Enrolments.Count(e => e.Status != EnrolmentStatus.Withdrawn) })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("Không tìm thấy lớp học.");
        if (cls.Status == ClassStatus.Cancelled)
        {
            throw new DomainException("Lớp đã hủy, không thể mở phiếu khảo sát.");
        }

        var today = clock.VietnamToday();
        var opens = opening.OpensOn ?? today;
        var closes = opening.ClosesOn ?? opens.AddDays(7);
        if (closes < opens)
        {
            throw new DomainException("Ngày kết thúc khảo sát phải sau ngày bắt đầu.");
        }

        if (closes > opens.AddDays(90))
        {
            throw new DomainException("Một đợt khảo sát mở tối đa 90 ngày.");
        }

        var count = opening.CodeCount ?? cls.Active;
        if (count < 1 || count > MaxCodes)
        {
            throw new DomainException($"Số mã trả lời phải từ 1 đến {MaxCodes}.");
        }

        var targets = await TargetsAsync(cls.Id, cancellationToken);
        if (targets.Count == 0)
        {
            throw new DomainException("Lớp chưa có buổi học nào có giảng viên trong thời khóa biểu, nên chưa có gì để khảo sát.");
        }

        var items = (await ItemsAsync(cancellationToken)).Where(i => i.IsActive).ToList();
        if (!await db.SurveyItems.AnyAsync(i => i.CentreId == centreId, cancellationToken))
        {
            // The centre's first survey: its questionnaire starts as the defaults, which the administrator may then edit.
            db.SurveyItems.AddRange(items.Select((i, n) => new SurveyItem { CentreId = centreId, Text = i.Text, DisplayOrder = n + 1 }));
        }

        var survey = new Survey
        {
            CentreId = centreId,
            ClassId = cls.Id,
            PublicKey = SurveyCodeText.NewCode(),
            OpensOn = opens,
            ClosesOn = closes,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        foreach (var (item, n) in items.Select((item, n) => (item, n)))
        {
            survey.Questions.Add(new SurveyQuestion { DisplayOrder = n + 1, Text = item.Text });
        }

        foreach (var (target, n) in targets.Select((target, n) => (target, n)))
        {
            survey.Targets.Add(new SurveyTarget { LecturerId = target.LecturerId, Topic = target.Topic, DisplayOrder = n + 1 });
        }

        db.Surveys.Add(survey);
        await db.SaveChangesAsync(cancellationToken);

        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count)
        {
            codes.Add(SurveyCodeText.NewCode());
        }

        db.SurveyCodes.AddRange(codes.Select(c => new SurveyCode { SurveyId = survey.Id, Code = c }));
        await db.SaveChangesAsync(cancellationToken);
        return survey.Id;
    }

    /// <summary>Changes the last day a survey takes answers (to close it early, or to give more time).</summary>
    public async Task SetClosingAsync(int surveyId, DateOnly closesOn, CancellationToken cancellationToken = default)
    {
        if (!scope.CanEdit || scope.IsLecturer)
        {
            throw new DomainException("Chỉ cán bộ Trung tâm được đóng hoặc gia hạn phiếu khảo sát.");
        }

        var centreId = scope.RequireCentre();
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == surveyId && s.CentreId == centreId, cancellationToken)
            ?? throw new DomainException("Không tìm thấy đợt khảo sát.");
        if (closesOn < survey.OpensOn.AddDays(-1) || closesOn > survey.OpensOn.AddDays(90))
        {
            throw new DomainException("Ngày kết thúc khảo sát không hợp lệ.");
        }

        survey.ClosesOn = closesOn;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The slips to print: the unused codes of the survey (a used code is not printed again). Staff only.</summary>
    public async Task<SurveySlips?> SlipsAsync(int surveyId, CancellationToken cancellationToken = default)
    {
        if (!scope.CanEdit || scope.IsLecturer)
        {
            return null;
        }

        var centreId = scope.CentreId;
        var survey = await db.Surveys.AsNoTracking().Where(s => s.Id == surveyId && s.CentreId == centreId)
            .Select(s => new { s.Id, s.ClassId, s.PublicKey, s.ClosesOn })
            .FirstOrDefaultAsync(cancellationToken);
        if (survey is null)
        {
            return null;
        }

        var cls = await db.TrainingClasses.AsNoTracking().Where(c => c.Id == survey.ClassId)
            .Select(c => new { ProgrammeName = c.Programme!.Name, c.Title, c.Number, c.Year, CentreName = c.Centre!.Name, c.Centre.PublicBaseUrl })
            .FirstAsync(cancellationToken);
        var codes = await db.SurveyCodes.AsNoTracking().Where(c => c.SurveyId == surveyId && !c.Used).OrderBy(c => c.Id).Select(c => c.Code).ToListAsync(cancellationToken);
        return new SurveySlips(survey.Id, survey.ClassId, ClassLabels.ClassName(cls.ProgrammeName, cls.Title, cls.Number, cls.Year), cls.CentreName,
            survey.PublicKey, survey.ClosesOn, cls.PublicBaseUrl, [.. codes.Select(SurveyCodeText.Display)]);
    }

    // Who taught what in the class: each lecturer and topic once, in timetable order.
    private async Task<IReadOnlyList<SurveyTargetChoice>> TargetsAsync(int classId, CancellationToken cancellationToken)
    {
        var sessions = await db.ClassSessions.AsNoTracking().Where(s => s.ClassId == classId && s.LecturerId != null)
            .OrderBy(s => s.Date).ThenBy(s => s.Part).ThenBy(s => s.Id)
            .Select(s => new { LecturerId = s.LecturerId!.Value, s.Lecturer!.FullName, s.Topic })
            .ToListAsync(cancellationToken);
        return [.. sessions.DistinctBy(s => (s.LecturerId, VietnameseText.SearchKey(s.Topic))).Select(s => new SurveyTargetChoice(s.LecturerId, s.FullName, s.Topic))];
    }
}
