using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Quality;

public sealed record SurveyFormTarget(int Id, string LecturerName, string Topic);

public sealed record SurveyFormQuestion(int Id, string Text);

/// <summary>The public answering page of a survey: only what a trainee needs to answer it.</summary>
public sealed record SurveyForm(string PublicKey, string ClassName, string CentreName, DateOnly ClosesOn, bool IsOpen, bool NotYetOpen,
    IReadOnlyList<SurveyFormTarget> Targets, IReadOnlyList<SurveyFormQuestion> Questions);

/// <summary>One trainee's answer about one target: a score 1–5 per question (by question id) and a comment.</summary>
public sealed record TargetAnswer(int TargetId, IReadOnlyDictionary<int, int> Scores, string? Comment);

public enum SubmitOutcome
{
    Saved = 1,
    UnknownCode = 2,
    CodeUsed = 3,
    Closed = 4,
}

/// <summary>An answer that cannot be taken as it stands (a score missing or out of range); the message says which.</summary>
public sealed class SurveyAnswerException(string message) : DomainException(message);

/// <summary>
/// The public, anonymous side of the surveys: the form behind a survey's short link, and taking an answer with a
/// one-time code. Taking it marks the code used and stores the answers in one transaction; nothing stored links the
/// answers to the code or to anyone (no code, trainee, account, address or time is kept with them: ADR-012).
/// </summary>
public sealed class SurveyAnsweringService(AppDbContext db, TimeProvider clock)
{
    public const int MaxCommentLength = 1000;

    /// <summary>The form of the survey with that key, or null for a key that is no survey's.</summary>
    public async Task<SurveyForm?> FormAsync(string? publicKey, CancellationToken cancellationToken = default)
    {
        var key = SurveyCodeText.Normalize(publicKey);
        if (key.Length == 0)
        {
            return null;
        }

        var survey = await db.Surveys.AsNoTracking().Where(s => s.PublicKey == key)
            .Select(s => new { s.Id, s.PublicKey, s.OpensOn, s.ClosesOn, s.ClassId })
            .FirstOrDefaultAsync(cancellationToken);
        if (survey is null)
        {
            return null;
        }

        var cls = await db.TrainingClasses.AsNoTracking().Where(c => c.Id == survey.ClassId)
            .Select(c => new { ProgrammeName = c.Programme!.Name, c.Title, c.Number, c.Year, CentreName = c.Centre!.Name })
            .FirstAsync(cancellationToken);
        var targets = await db.SurveyTargets.AsNoTracking().Where(t => t.SurveyId == survey.Id).OrderBy(t => t.DisplayOrder)
            .Join(db.Lecturers, t => t.LecturerId, l => l.Id, (t, l) => new SurveyFormTarget(t.Id, l.FullName, t.Topic))
            .ToListAsync(cancellationToken);
        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == survey.Id).OrderBy(q => q.DisplayOrder)
            .Select(q => new SurveyFormQuestion(q.Id, q.Text))
            .ToListAsync(cancellationToken);
        var today = clock.VietnamToday();
        return new SurveyForm(survey.PublicKey, ClassLabels.ClassName(cls.ProgrammeName, cls.Title, cls.Number, cls.Year), cls.CentreName,
            survey.ClosesOn, today >= survey.OpensOn && today <= survey.ClosesOn, today < survey.OpensOn, targets, questions);
    }

    /// <summary>
    /// Takes one trainee's answers with their code. Every question of every target needs a score 1–5 (a comment is
    /// optional). The code is spent by one conditional UPDATE, so of two submissions with the same code, on any node,
    /// only one is stored; the answers go in the same transaction, without the code.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(string? publicKey, string? code, IReadOnlyList<TargetAnswer> answers, CancellationToken cancellationToken = default)
    {
        var key = SurveyCodeText.Normalize(publicKey);
        var survey = key.Length == 0 ? null : await db.Surveys.AsNoTracking().Where(s => s.PublicKey == key)
            .Select(s => new { s.Id, s.OpensOn, s.ClosesOn })
            .FirstOrDefaultAsync(cancellationToken);
        if (survey is null)
        {
            return SubmitOutcome.UnknownCode;
        }

        var today = clock.VietnamToday();
        if (today < survey.OpensOn || today > survey.ClosesOn)
        {
            return SubmitOutcome.Closed;
        }

        var normalized = SurveyCodeText.Normalize(code);
        if (normalized.Length == 0)
        {
            return SubmitOutcome.UnknownCode;
        }

        var targetIds = await db.SurveyTargets.AsNoTracking().Where(t => t.SurveyId == survey.Id).OrderBy(t => t.DisplayOrder).Select(t => t.Id).ToListAsync(cancellationToken);
        var questionIds = await db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == survey.Id).OrderBy(q => q.DisplayOrder).Select(q => q.Id).ToListAsync(cancellationToken);
        var rows = Check(answers, targetIds, questionIds, survey.Id);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var spent = await db.SurveyCodes.Where(c => c.SurveyId == survey.Id && c.Code == normalized && !c.Used)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, true), cancellationToken);
        if (spent == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await db.SurveyCodes.AnyAsync(c => c.SurveyId == survey.Id && c.Code == normalized, cancellationToken)
                ? SubmitOutcome.CodeUsed
                : SubmitOutcome.UnknownCode;
        }

        db.SurveyAnswers.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return SubmitOutcome.Saved;
    }

    private static List<SurveyAnswer> Check(IReadOnlyList<TargetAnswer> answers, List<int> targetIds, List<int> questionIds, int surveyId)
    {
        var byTarget = answers.GroupBy(a => a.TargetId).ToDictionary(g => g.Key, g => g.First());
        var rows = new List<SurveyAnswer>();
        for (var t = 0; t < targetIds.Count; t++)
        {
            if (!byTarget.TryGetValue(targetIds[t], out var answer) || questionIds.Any(q => !answer.Scores.ContainsKey(q)))
            {
                throw new SurveyAnswerException($"Vui lòng chấm điểm đủ các câu hỏi về giảng viên thứ {t + 1}.");
            }

            if (questionIds.Any(q => answer.Scores[q] is < 1 or > 5))
            {
                throw new SurveyAnswerException("Mỗi câu hỏi được chấm từ 1 đến 5 điểm.");
            }

            var comment = VietnameseText.Clean(answer.Comment);
            if (comment.Length > MaxCommentLength)
            {
                throw new SurveyAnswerException($"Ý kiến về giảng viên thứ {t + 1} dài quá {MaxCommentLength} ký tự.");
            }

            var row = new SurveyAnswer { SurveyId = surveyId, TargetId = targetIds[t], Comment = comment.Length == 0 ? null : comment };
            foreach (var q in questionIds)
            {
                row.Scores.Add(new SurveyScore { QuestionId = q, Score = (byte)answer.Scores[q] });
            }

            rows.Add(row);
        }

        return rows;
    }
}
