using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Quality;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Quality;

/// <summary>Trainee surveys of lecturers: opening, anonymous answering with one-time codes, results by hand.</summary>
public class SurveyTests
{
    // 10 March 2026 in Vietnam: the fixture's class ran from 2 March.
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));

    private sealed record World(ClassFixture Class, int Hung, int Lan, string LanUser);

    /// <summary>A class of 5 trainees and 4 sessions: Hùng teaches two topics, Lan one topic in two sessions.</summary>
    private static async Task<World> SeedAsync(AppDbContext db)
    {
        var c = await ClassTestData.CreateAsync(db, trainees: 5, sessions: 4);
        var hung = await ClassTestData.LecturerAsync(db, c.CentreId, "Phạm", "Hùng", null);
        var lan = await ClassTestData.LecturerAsync(db, c.CentreId, "Lê", "Lan", "gv.lan");
        var sessions = await db.ClassSessions.Where(s => s.ClassId == c.ClassId).OrderBy(s => s.Date).ThenBy(s => s.Part).ToListAsync();
        (sessions[0].LecturerId, sessions[0].Topic) = (hung.Id, "Chủ nghĩa Mác - Lênin");
        (sessions[1].LecturerId, sessions[1].Topic) = (hung.Id, "Tư tưởng Hồ Chí Minh");
        (sessions[2].LecturerId, sessions[2].Topic) = (lan.Id, "Điều lệ Đảng");
        (sessions[3].LecturerId, sessions[3].Topic) = (lan.Id, "điều lệ đảng"); // the same topic, typed differently: one target
        await db.SaveChangesAsync();
        return new World(c, hung.Id, lan.Id, "gv.lan");
    }

    private static SurveyService Staff(AppDbContext db, int centreId) => new(db, new FixedUserScope(centreId, UserId: "giaovu"), Clock);

    private static TargetAnswer Answer(SurveyFormTarget target, SurveyForm form, int[] scores, string? comment = null) =>
        new(target.Id, form.Questions.Select((q, i) => (q.Id, scores[i])).ToDictionary(x => x.Id, x => x.Item2), comment);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Each_code_answers_once_and_the_results_are_the_averages_worked_out_by_hand(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var w = await SeedAsync(db);
        var surveys = Staff(db, w.Class.CentreId);

        // The defaults until the centre edits its questionnaire; one code per active trainee.
        Assert.Equal(SurveyItem.Defaults, (await surveys.ItemsAsync()).Select(i => i.Text));
        var surveyId = await surveys.OpenAsync(new SurveyOpening(w.Class.ClassId, null, null, null));
        var slips = (await surveys.SlipsAsync(surveyId))!;
        Assert.Equal(5, slips.Codes.Count);
        Assert.Equal(5, slips.Codes.Distinct().Count());
        Assert.Matches("^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$", slips.Codes[0]);

        var answering = new SurveyAnsweringService(db, Clock);
        var form = (await answering.FormAsync(slips.PublicKey.ToLowerInvariant()))!;
        Assert.True(form.IsOpen);
        Assert.Equal(["Chủ nghĩa Mác - Lênin", "Tư tưởng Hồ Chí Minh", "Điều lệ Đảng"], form.Targets.Select(t => t.Topic));
        Assert.Equal(4, form.Questions.Count);

        int[][] hungMarx = [[5, 4, 4, 5], [4, 4, 3, 5], [3, 5, 4, 4]];
        for (var i = 0; i < 3; i++)
        {
            var outcome = await answering.SubmitAsync(form.PublicKey, slips.Codes[i].Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant(),
            [
                Answer(form.Targets[0], form, hungMarx[i], i == 0 ? "Bài giảng sinh động, nhiều ví dụ thực tế." : null),
                Answer(form.Targets[1], form, [4, 4, 4, 4]),
                Answer(form.Targets[2], form, [5, 5, 5, 5], i == 2 ? "Giảng hơi nhanh." : null),
            ]);
            Assert.Equal(SubmitOutcome.Saved, outcome);
        }

        // A used code is refused, and so is a code of nothing; a missing score is refused before the code is spent.
        Assert.Equal(SubmitOutcome.CodeUsed, await answering.SubmitAsync(form.PublicKey, slips.Codes[0],
            [Answer(form.Targets[0], form, [1, 1, 1, 1]), Answer(form.Targets[1], form, [1, 1, 1, 1]), Answer(form.Targets[2], form, [1, 1, 1, 1])]));
        Assert.Equal(SubmitOutcome.UnknownCode, await answering.SubmitAsync(form.PublicKey, "ABCD-EFGH",
            [Answer(form.Targets[0], form, [1, 1, 1, 1]), Answer(form.Targets[1], form, [1, 1, 1, 1]), Answer(form.Targets[2], form, [1, 1, 1, 1])]));
        await Assert.ThrowsAsync<SurveyAnswerException>(() => answering.SubmitAsync(form.PublicKey, slips.Codes[3],
            [Answer(form.Targets[0], form, [1, 1, 1, 1]), Answer(form.Targets[1], form, [1, 1, 9, 1])]));
        Assert.False(await db.SurveyCodes.AnyAsync(c => c.Code == slips.Codes[3].Replace("-", "", StringComparison.Ordinal) && c.Used));
        Assert.Equal(2, (await surveys.SlipsAsync(surveyId))!.Codes.Count); // used codes are not printed again

        // By hand: Hùng on Mác-Lênin: content (5+4+3)/3 = 4.00, method (4+4+5)/3 = 4.33, practice (4+3+4)/3 = 3.67,
        // time (5+5+4)/3 = 4.67; overall (18+16+16)/12 = 50/12 = 4.17. Hùng overall with his other topic (48 points in 12 scores): 98/24 = 4.08.
        var results = await new SurveyResultsService(db, new FixedUserScope(w.Class.CentreId, CanEdit: false)).ResultsAsync(new SurveyResultFilter(Year: 2026));
        Assert.Equal(SurveyItem.Defaults, results.Questions);
        var marx = results.Rows.Single(r => r.Topic == "Chủ nghĩa Mác - Lênin");
        Assert.Equal((3, 4.17m), (marx.Responses, marx.Overall));
        Assert.Equal([4.00m, 4.33m, 3.67m, 4.67m], marx.Averages);
        Assert.Equal(["Bài giảng sinh động, nhiều ví dụ thực tế."], marx.Comments);
        Assert.Equal((6, 4.08m), results.Lecturers.Where(l => l.LecturerId == w.Hung).Select(l => (l.Responses, l.Overall)).Single());
        Assert.Equal(5.00m, results.Rows.Single(r => r.LecturerId == w.Lan).Overall);
        Assert.Empty((await new SurveyResultsService(db, new FixedUserScope(w.Class.CentreId, CanEdit: false)).ResultsAsync(new SurveyResultFilter(Year: 2025))).Rows);

        // A lecturer reads their own results only; a unit liaison none.
        var own = await new SurveyResultsService(db, new FixedUserScope(w.Class.CentreId, CanEdit: false, UserId: w.LanUser, IsLecturer: true)).ResultsAsync(new SurveyResultFilter());
        Assert.Equal([w.Lan], own.Rows.Select(r => r.LecturerId).Distinct());
        Assert.Empty((await new SurveyResultsService(db, new FixedUserScope(w.Class.CentreId, UnitId: 1, CanEdit: false)).ResultsAsync(new SurveyResultFilter())).Rows);

        // The Excel export carries the same lines.
        await using var file = await new SurveyResultsService(db, new FixedUserScope(w.Class.CentreId, CanEdit: false)).ExportAsync(new SurveyResultFilter(Year: 2026));
        Assert.Equal(3, file.DataRowCount);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Two_submissions_with_one_code_at_once_store_one_answer(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        string key;
        string code;
        SurveyForm form;
        await using (var db = database.CreateContext())
        {
            var w = await SeedAsync(db);
            var surveys = Staff(db, w.Class.CentreId);
            var slips = (await surveys.SlipsAsync(await surveys.OpenAsync(new SurveyOpening(w.Class.ClassId, null, null, 2))))!;
            (key, code) = (slips.PublicKey, slips.Codes[0]);
            form = (await new SurveyAnsweringService(db, Clock).FormAsync(key))!;
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = database.CreateContext();
            try
            {
                return await new SurveyAnsweringService(db, Clock).SubmitAsync(key, code, [.. form.Targets.Select(t => Answer(t, form, [3, 3, 3, 3]))]);
            }
            catch (DbUpdateException)
            {
                return SubmitOutcome.CodeUsed; // SQLite's busy database: refused, nothing stored
            }
        }));
        Assert.Equal(1, outcomes.Count(o => o == SubmitOutcome.Saved));
        await using var check = database.CreateContext();
        Assert.Equal(form.Targets.Count, await check.SurveyAnswers.CountAsync());
    }

    [Fact]
    public async Task No_column_of_an_answer_or_its_scores_can_lead_back_to_a_code_a_trainee_or_a_time()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var db = database.CreateContext();
        string[] Columns<T>() => [.. db.Model.FindEntityType(typeof(T))!.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal)];
        string[] Targets<T>() => [.. db.Model.FindEntityType(typeof(T))!.GetForeignKeys().Select(k => k.PrincipalEntityType.ClrType.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(["Comment", "Id", "SurveyId", "TargetId"], Columns<SurveyAnswer>());
        Assert.Equal(["Survey", "SurveyTarget"], Targets<SurveyAnswer>());
        Assert.Equal(["AnswerId", "Id", "QuestionId", "Score"], Columns<SurveyScore>());
        Assert.Equal(["SurveyAnswer", "SurveyQuestion"], Targets<SurveyScore>());
        // A code knows only its survey and whether it was used: not when, not by whom, not which answer.
        Assert.Equal(["Code", "Id", "SurveyId", "Used"], Columns<SurveyCode>());
        Assert.Equal(["Survey"], Targets<SurveyCode>());
        Assert.DoesNotContain(db.Model.GetEntityTypes(), t => t.GetForeignKeys().Any(k => k.PrincipalEntityType.ClrType == typeof(SurveyCode)));
        // Nothing of the answering is written to the audit trail.
        Assert.False(typeof(IAudited).IsAssignableFrom(typeof(SurveyAnswer)) || typeof(IAudited).IsAssignableFrom(typeof(SurveyCode)));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_closed_survey_takes_no_answer_and_only_the_administrator_edits_the_questionnaire(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var w = await SeedAsync(db);
        var surveys = Staff(db, w.Class.CentreId);
        var first = await surveys.OpenAsync(new SurveyOpening(w.Class.ClassId, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 5), 1));
        var slips = (await surveys.SlipsAsync(first))!;
        var answering = new SurveyAnsweringService(db, Clock);
        var form = (await answering.FormAsync(slips.PublicKey))!;
        Assert.False(form.IsOpen);
        Assert.Equal(SubmitOutcome.Closed, await answering.SubmitAsync(slips.PublicKey, slips.Codes[0], [.. form.Targets.Select(t => Answer(t, form, [5, 5, 5, 5]))]));
        Assert.Null(await answering.FormAsync("ZZZZZZZZ"));

        await Assert.ThrowsAsync<DomainException>(() => surveys.SaveItemsAsync([new SurveyItemInput(null, "Thái độ", true)]));
        var admin = new SurveyService(db, new FixedUserScope(w.Class.CentreId, IsAdministrator: true, UserId: "admin"), Clock);
        var items = await admin.ItemsAsync(); // saved by the first survey
        Assert.All(items, i => Assert.True(i.Id > 0));
        await admin.SaveItemsAsync([.. items.Select(i => new SurveyItemInput(i.Id, i.Text, i.Text != "Bảo đảm thời gian lên lớp")), new SurveyItemInput(null, "Tác phong sư phạm", true)]);
        var second = await surveys.OpenAsync(new SurveyOpening(w.Class.ClassId, null, null, 1));
        var asked = await db.SurveyQuestions.Where(q => q.SurveyId == second).OrderBy(q => q.DisplayOrder).Select(q => q.Text).ToListAsync();
        Assert.Equal(["Nội dung bài giảng", "Phương pháp giảng dạy", "Tính thực tiễn, liên hệ thực tế", "Tác phong sư phạm"], asked);
        Assert.Equal(4, await db.SurveyQuestions.CountAsync(q => q.SurveyId == first)); // the first survey keeps its questions
    }
}
