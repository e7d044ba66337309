using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Excel;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Quality;

/// <summary>Which survey results: a year (of the survey's opening), a class, a lecturer; null means any.</summary>
public sealed record SurveyResultFilter(int? Year = null, int? ClassId = null, int? LecturerId = null);

/// <summary>
/// The results about one lecturer and topic in one class: how many answered, the average of each question (in
/// <see cref="SurveyResults.Questions"/> order; null where the survey did not ask it), the overall average, the comments.
/// </summary>
public sealed record SurveyResultRow(
    int LecturerId,
    string LecturerName,
    string Topic,
    int ClassId,
    string ClassName,
    int Year,
    int Responses,
    IReadOnlyList<decimal?> Averages,
    decimal? Overall,
    IReadOnlyList<string> Comments);

/// <summary>One lecturer's results over the rows: answers and averages of every answer about them.</summary>
public sealed record SurveyLecturerTotal(int LecturerId, string LecturerName, int Responses, IReadOnlyList<decimal?> Averages, decimal? Overall);

public sealed record SurveyResults(IReadOnlyList<string> Questions, IReadOnlyList<SurveyResultRow> Rows, IReadOnlyList<SurveyLecturerTotal> Lecturers);

/// <summary>
/// The survey results: per lecturer and topic per class, and per lecturer, for a year, a class or a lecturer. Averages
/// are of the 1–5 scores, to two decimals, computed from sums and counts in the database (so totals are exact, not
/// averages of averages). Centre readers see their centre's; the provincial office every centre's; a lecturer their own;
/// a unit liaison none.
/// </summary>
public sealed class SurveyResultsService(AppDbContext db, IUserScope scope)
{
    public async Task<SurveyResults> ResultsAsync(SurveyResultFilter filter, CancellationToken cancellationToken = default)
    {
        var targets = db.SurveyTargets.AsNoTracking()
            .Join(db.Surveys, t => t.SurveyId, s => s.Id, (t, s) => new { Target = t, Survey = s });
        if (scope.UnitId is not null)
        {
            targets = targets.Where(_ => false);
        }
        else if (scope.IsLecturer)
        {
            var userId = scope.UserId ?? "";
            var own = db.Lecturers.Where(l => l.UserId == userId).Select(l => l.Id);
            targets = targets.Where(x => own.Contains(x.Target.LecturerId));
        }
        else if (!scope.AllCentres)
        {
            var centreId = scope.CentreId ?? -1;
            targets = targets.Where(x => x.Survey.CentreId == centreId);
        }

        if (filter.Year is { } year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            targets = targets.Where(x => x.Survey.OpensOn >= from && x.Survey.OpensOn <= to);
        }

        if (filter.ClassId is { } classId)
        {
            targets = targets.Where(x => x.Survey.ClassId == classId);
        }

        if (filter.LecturerId is { } lecturerId)
        {
            targets = targets.Where(x => x.Target.LecturerId == lecturerId);
        }

        var rows = await targets
            .Select(x => new
            {
                x.Target.Id,
                x.Target.LecturerId,
                LecturerName = db.Lecturers.Where(l => l.Id == x.Target.LecturerId).Select(l => l.FullName).First(),
                x.Target.Topic,
                x.Target.DisplayOrder,
                x.Survey.ClassId,
                x.Survey.OpensOn,
            })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return new SurveyResults([], [], []);
        }

        var ids = rows.Select(r => r.Id).ToList();
        var classIds = rows.Select(r => r.ClassId).Distinct().ToList();
        var classes = await db.TrainingClasses.AsNoTracking().Where(c => classIds.Contains(c.Id))
            .Select(c => new { c.Id, ProgrammeName = c.Programme!.Name, c.Title, c.Number, c.Year })
            .ToDictionaryAsync(c => c.Id, c => ClassLabels.ClassName(c.ProgrammeName, c.Title, c.Number, c.Year), cancellationToken);
        var sums = new List<(int TargetId, string Question, int Order, int Sum, int Count)>();
        var responses = new Dictionary<int, int>();
        var comments = new List<(int TargetId, int Id, string Text)>();
        foreach (var chunk in ids.Chunk(500))
        {
            sums.AddRange((await db.SurveyScores.AsNoTracking()
                .Join(db.SurveyAnswers, s => s.AnswerId, a => a.Id, (s, a) => new { s.QuestionId, s.Score, a.TargetId })
                .Where(x => chunk.Contains(x.TargetId))
                .GroupBy(x => new { x.TargetId, x.QuestionId })
                .Select(g => new { g.Key.TargetId, g.Key.QuestionId, Sum = g.Sum(x => (int)x.Score), Count = g.Count() })
                .Join(db.SurveyQuestions, g => g.QuestionId, q => q.Id, (g, q) => new { g.TargetId, q.Text, q.DisplayOrder, g.Sum, g.Count })
                .ToListAsync(cancellationToken))
                .Select(x => (x.TargetId, x.Text, x.DisplayOrder, x.Sum, x.Count)));
            foreach (var r in await db.SurveyAnswers.AsNoTracking().Where(a => chunk.Contains(a.TargetId))
                .GroupBy(a => a.TargetId).Select(g => new { TargetId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            {
                responses[r.TargetId] = r.Count;
            }

            comments.AddRange((await db.SurveyAnswers.AsNoTracking().Where(a => chunk.Contains(a.TargetId) && a.Comment != null)
                .Select(a => new { a.TargetId, a.Id, a.Comment }).ToListAsync(cancellationToken))
                .Select(a => (a.TargetId, a.Id, a.Comment!)));
        }

        // The questions as columns, by text, in the order the surveys ask them.
        var questions = sums.GroupBy(s => s.Question).OrderBy(g => g.Min(s => s.Order)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();

        IReadOnlyList<decimal?> Averages(IEnumerable<int> targetIds)
        {
            var set = targetIds.ToHashSet();
            return [.. questions.Select(q =>
            {
                var cells = sums.Where(s => s.Question == q && set.Contains(s.TargetId)).ToList();
                var count = cells.Sum(c => c.Count);
                return count == 0 ? (decimal?)null : Math.Round((decimal)cells.Sum(c => c.Sum) / count, 2);
            })];
        }

        decimal? Overall(IEnumerable<int> targetIds)
        {
            var set = targetIds.ToHashSet();
            var cells = sums.Where(s => set.Contains(s.TargetId)).ToList();
            var count = cells.Sum(c => c.Count);
            return count == 0 ? null : Math.Round((decimal)cells.Sum(c => c.Sum) / count, 2);
        }

        var result = rows
            .OrderByDescending(r => r.OpensOn).ThenBy(r => r.ClassId).ThenBy(r => r.DisplayOrder)
            .Select(r => new SurveyResultRow(r.LecturerId, r.LecturerName, r.Topic, r.ClassId, classes.GetValueOrDefault(r.ClassId, ""), r.OpensOn.Year,
                responses.GetValueOrDefault(r.Id), Averages([r.Id]), Overall([r.Id]),
                [.. comments.Where(c => c.TargetId == r.Id).OrderBy(c => c.Id).Select(c => c.Text)]))
            .ToList();
        var lecturers = rows.GroupBy(r => (r.LecturerId, r.LecturerName))
            .OrderBy(g => VietnameseText.SortKey(g.Key.LecturerName), StringComparer.Ordinal)
            .Select(g => new SurveyLecturerTotal(g.Key.LecturerId, g.Key.LecturerName, g.Sum(r => responses.GetValueOrDefault(r.Id)),
                Averages(g.Select(r => r.Id)), Overall(g.Select(r => r.Id))))
            .ToList();
        return new SurveyResults(questions, result, lecturers);
    }

    /// <summary>The results as an Excel report: one line per lecturer, topic and class, then the comments.</summary>
    public async Task<XlsxFile> ExportAsync(SurveyResultFilter filter, CancellationToken cancellationToken = default)
    {
        var results = await ResultsAsync(filter, cancellationToken);
        var columns = new List<ExcelColumn>
        {
            new("STT", 6, ExcelCellKind.Integer),
            new("Giảng viên", 24),
            new("Chuyên đề", 32),
            new("Lớp", 32),
            new("Số phiếu", 9, ExcelCellKind.Integer),
        };
        columns.AddRange(results.Questions.Select(q => new ExcelColumn(q, 12, ExcelCellKind.Decimal)));
        columns.Add(new ExcelColumn("Điểm trung bình", 11, ExcelCellKind.Decimal));
        columns.Add(new ExcelColumn("Ý kiến của học viên", 60));
        var report = new ExcelReport
        {
            SheetName = "Khảo sát giảng viên",
            RightHeading = [ExcelReport.PartyHeading],
            Title = "KẾT QUẢ KHẢO SÁT Ý KIẾN HỌC VIÊN VỀ GIẢNG VIÊN",
            Period = filter.Year is { } year ? $"Năm {year}" : null,
            Columns = columns,
        };
        var lines = results.Rows.Select((r, i) => new object?[] { i + 1, r.LecturerName, r.Topic, r.ClassName, r.Responses }
            .Concat(r.Averages.Cast<object?>())
            .Append(r.Overall)
            .Append(string.Join("\n", r.Comments.Select(c => "– " + c)))
            .ToArray());
        return XlsxReportWriter.Create(report, lines, cancellationToken: cancellationToken);
    }
}
