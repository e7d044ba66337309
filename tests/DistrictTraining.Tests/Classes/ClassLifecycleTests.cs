using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Classes;

/// <summary>The class lifecycle (ClassLifecycle): its rules alone, then every transition and refusal on both databases.</summary>
public class ClassLifecycleTests
{
    private static readonly DateOnly DecisionDate = new(2026, 3, 10);

    // ---------------------------------------------------------------- the rules, without a database

    [Fact]
    public void A_decided_class_refuses_every_part_that_feeds_a_certificate_unless_an_amendment_names_it()
    {
        foreach (var part in ClassLifecycle.Each(ClassLifecycle.AllParts))
        {
            Assert.Contains("đã được chốt", ClassLifecycle.ChangeBlockedReason(ClassStatus.Decided, part, decisionText: "số 25-QĐ/TTCT ngày 14/11/2026"));
            Assert.Null(ClassLifecycle.ChangeBlockedReason(ClassStatus.Decided, part, amended: part));
            Assert.NotNull(ClassLifecycle.ChangeBlockedReason(ClassStatus.Decided, part, amended: ClassLifecycle.AllParts & ~part));
            Assert.StartsWith("Lớp đã hủy", ClassLifecycle.ChangeBlockedReason(ClassStatus.Cancelled, part, amended: part));
            Assert.Null(ClassLifecycle.ChangeBlockedReason(ClassStatus.Finished, part));
        }

        Assert.Contains("số 25-QĐ/TTCT ngày 14/11/2026", ClassLifecycle.ChangeBlockedReason(ClassStatus.Decided, ClassPart.Roster, decisionText: "số 25-QĐ/TTCT ngày 14/11/2026"));
    }

    [Fact]
    public void Results_wait_for_a_class_that_has_begun_and_attendance_opens_a_planned_one()
    {
        Assert.Contains("chưa khai giảng", ClassLifecycle.ChangeBlockedReason(ClassStatus.Planned, ClassPart.Results));
        Assert.Null(ClassLifecycle.ChangeBlockedReason(ClassStatus.Planned, ClassPart.Attendance));
        Assert.Null(ClassLifecycle.ChangeBlockedReason(ClassStatus.Open, ClassPart.Results));
        Assert.True(ClassLifecycle.OpensWithFirstMark(ClassStatus.Planned));
        Assert.False(ClassLifecycle.OpensWithFirstMark(ClassStatus.Open));

        var planned = new TrainingClass();
        Assert.True(planned.OpenWithFirstMark());
        Assert.Equal(ClassStatus.Open, planned.Status);
        Assert.False(planned.OpenWithFirstMark());
    }

    [Fact]
    public void The_decision_needs_a_finished_class_ends_after_it_and_makes_the_class_decided()
    {
        var trainingClass = new TrainingClass { StartDate = new DateOnly(2026, 3, 2), EndDate = new DateOnly(2026, 3, 6) };
        Assert.Contains("Đang học", Assert.Throws<DomainException>(() =>
        {
            trainingClass.MoveTo(ClassStatus.Open);
            trainingClass.RecordDecision("1-QĐ/TTCT", DecisionDate, "Lê Văn Thành", hasValidCertificates: false);
        }).Message);
        trainingClass.MoveTo(ClassStatus.Finished);
        Assert.Equal("Ngày quyết định (05/03/2026) không được trước ngày bế giảng lớp (06/03/2026).",
            Assert.Throws<DomainException>(() => trainingClass.RecordDecision("1-QĐ/TTCT", new DateOnly(2026, 3, 5), "Lê Văn Thành", false)).Message);

        trainingClass.RecordDecision("1-QĐ/TTCT", DecisionDate, "Lê Văn Thành", hasValidCertificates: false);
        Assert.Equal(ClassStatus.Decided, trainingClass.Status);
        Assert.True(ClassLifecycle.Held(trainingClass.Status));

        // Correcting it is allowed until certificates rest on it; a decided class moves nowhere by hand.
        trainingClass.RecordDecision("2-QĐ/TTCT", DecisionDate, "Lê Văn Thành", hasValidCertificates: false);
        Assert.Contains("đã cấp giấy chứng nhận", Assert.Throws<DomainException>(() => trainingClass.RecordDecision("3-QĐ/TTCT", DecisionDate, "A", true)).Message);
        Assert.All(Enum.GetValues<ClassStatus>(), to => Assert.False(TrainingClass.CanMove(ClassStatus.Decided, to)));
        Assert.All(Enum.GetValues<ClassStatus>(), from => Assert.False(TrainingClass.CanMove(from, ClassStatus.Decided)));
    }

    [Fact]
    public void An_amendment_needs_a_decided_class_a_part_and_a_reason_and_only_one_is_open_at_a_time()
    {
        Assert.Contains("đã có quyết định", ClassLifecycle.AmendmentBlockedReason(ClassStatus.Finished, false, ClassPart.Roster, "Bổ sung học viên bị sót"));
        Assert.Contains("chưa kết thúc", ClassLifecycle.AmendmentBlockedReason(ClassStatus.Decided, true, ClassPart.Roster, "Bổ sung học viên bị sót"));
        Assert.Contains("ít nhất một phần", ClassLifecycle.AmendmentBlockedReason(ClassStatus.Decided, false, ClassPart.None, "Bổ sung học viên bị sót"));
        Assert.Contains("lý do", ClassLifecycle.AmendmentBlockedReason(ClassStatus.Decided, false, ClassPart.Roster, "sửa"));
        Assert.Null(ClassLifecycle.AmendmentBlockedReason(ClassStatus.Decided, false, ClassPart.Roster, "Bổ sung học viên bị sót"));
    }

    [Fact]
    public void A_certificate_whose_basis_fell_is_under_review_never_valid()
    {
        var today = new DateOnly(2026, 11, 30);
        Assert.Equal(CertificateState.UnderReview, CertificateRules.StateOn(CertificateStatus.Valid, null, today, basisStands: false));
        Assert.Equal(CertificateState.Revoked, CertificateRules.StateOn(CertificateStatus.Revoked, null, today, basisStands: false));
        Assert.Equal(CertificateState.Valid, CertificateRules.StateOn(CertificateStatus.Valid, null, today));
    }

    // ---------------------------------------------------------------- the services, on both databases

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_planned_class_takes_no_scores_and_its_first_attendance_opens_it(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassTestData.CreateAsync(db, trainees: 2, sessions: 2, status: ClassStatus.Planned);
        var w = new Services(db, c.CentreId);

        var grid = (await w.Results.GetGridAsync(c.ClassId))!;
        Assert.False(grid.CanEdit);
        var refused = await Assert.ThrowsAsync<DomainException>(() => w.Results.SaveAsync(c.ClassId, [Typed(grid.Rows[0], "7")]));
        Assert.Contains("chưa khai giảng", refused.Message);
        Assert.Contains("Kế hoạch", (await w.Attendance.GetGridAsync(c.ClassId))!.OpensClassNote);

        var attendance = (await w.Attendance.GetGridAsync(c.ClassId))!;
        await w.Attendance.SaveAsync(c.ClassId, Marks(attendance, (c.EnrolmentIds[0], c.SessionIds[0], "C")));
        await using var check = database.CreateContext();
        Assert.Equal(ClassStatus.Open, (await check.TrainingClasses.SingleAsync()).Status);
        Assert.Null((await w.Attendance.GetGridAsync(c.ClassId))!.OpensClassNote);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_decision_waits_for_a_finished_class_then_freezes_all_that_feeds_a_certificate(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ScoredClassAsync(db, ClassStatus.Open);
        var w = new Services(db, c.CentreId);
        var version = (await w.Results.GetGridAsync(c.ClassId))!.ClassVersion;
        var early = await Assert.ThrowsAsync<DomainException>(() => w.Results.RecordDecisionAsync(c.ClassId, new("25-QĐ/TTCT", DecisionDate, "Lê Văn Thành", version)));
        Assert.Contains("chỉ ghi quyết định công nhận hoàn thành sau khi kết thúc lớp", early.Message);

        await w.Classes.MoveAsync(c.ClassId, ClassStatus.Finished, null);
        version = (await w.Results.GetGridAsync(c.ClassId))!.ClassVersion;
        await w.Results.RecordDecisionAsync(c.ClassId, new("25-QĐ/TTCT", DecisionDate, "Lê Văn Thành", version));
        Assert.Equal(ClassStatus.Decided, (await db.TrainingClasses.AsNoTracking().SingleAsync()).Status);

        var outsider = await TestData.TraineeAsync(db, "Đỗ", "Thị", "Mới");
        var line = (await w.Roster.GetAsync(c.ClassId))!.Active[0];
        var session = (await w.Timetable.GetSessionAsync(c.SessionIds[0]))!;
        var edit = (await w.Classes.GetForEditAsync(c.ClassId))!;
        var attendance = (await w.Attendance.GetGridAsync(c.ClassId))!;
        var results = (await w.Results.GetGridAsync(c.ClassId))!;
        Func<Task>[] frozen =
        [
            () => w.Timetable.SaveSessionAsync(session with { Periods = 10 }),
            () => w.Timetable.SaveSessionAsync(session with { Id = null, Date = new DateOnly(2026, 3, 6), Part = DayPart.Evening }),
            () => w.Timetable.DeleteSessionAsync(c.SessionIds[0]),
            () => w.Classes.SaveAsync(edit with { EndDate = new DateOnly(2026, 3, 20) }),
            () => w.Roster.AddExistingAsync(c.ClassId, outsider.Id),
            () => w.Roster.WithdrawAsync(c.ClassId, line.EnrolmentId, line.Version, "Chuyển công tác"),
            () => w.Roster.SetRoleAsync(c.ClassId, line.EnrolmentId, line.Version, ClassRole.Monitor),
            () => w.Attendance.SaveAsync(c.ClassId, Marks(attendance, (c.EnrolmentIds[0], c.SessionIds[0], "V"))),
            () => w.Results.SaveAsync(c.ClassId, [Typed(results.Rows[0], "9")]),
        ];
        foreach (var change in frozen)
        {
            var refused = await Assert.ThrowsAsync<DomainException>(change);
            Assert.Contains("đã được chốt", refused.Message);
            Assert.Contains("25-QĐ/TTCT", refused.Message);
        }

        Assert.Contains("Không thể chuyển lớp", (await Assert.ThrowsAsync<DomainException>(() => w.Classes.MoveAsync(c.ClassId, ClassStatus.Cancelled, "Hủy"))).Message);

        // What a certificate does not print stays editable.
        await w.Classes.SaveAsync(edit with { Partner = "Ban Tuyên giáo" });
        await using var check = database.CreateContext();
        Assert.Equal(40, await check.ClassSessions.SumAsync(s => s.Periods));
        Assert.Equal(4, await check.Enrolments.CountAsync(e => e.Status == EnrolmentStatus.Active));
        Assert.Equal("Ban Tuyên giáo", (await check.TrainingClasses.SingleAsync()).Partner);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task An_amendment_reopens_what_it_names_and_a_certificate_whose_basis_fell_is_flagged_and_not_valid_in_public(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext(new NamedUser("giaovu"));
        var c = await ScoredClassAsync(db, ClassStatus.Finished);
        var w = new Services(db, c.CentreId);
        var version = (await w.Results.GetGridAsync(c.ClassId))!.ClassVersion;
        await w.Results.RecordDecisionAsync(c.ClassId, new("25-QĐ/TTCT", DecisionDate, "Lê Văn Thành", version));
        var issued = await w.Certificates.IssueForClassAsync(c.ClassId, new IssueRequest(DecisionDate.AddDays(2), "Lê Văn Thành"));
        Assert.Equal(3, issued.Count);
        var borderline = c.EnrolmentIds[1]; // 32 of 40 periods: exactly 80%
        var code = await db.Certificates.Where(x => x.EnrolmentId == borderline).Select(x => x.VerificationCode).SingleAsync();
        Assert.Equal(CertificateState.Valid, (await w.Verification.VerifyAsync(code))!.State);

        var noReason = await Assert.ThrowsAsync<DomainException>(() => w.Amendments.OpenAsync(c.ClassId, ClassPart.Timetable, "sửa"));
        Assert.Contains("lý do", noReason.Message);
        await w.Amendments.OpenAsync(c.ClassId, ClassPart.Timetable, "Buổi sáng 02/03 học 10 tiết, nhập nhầm 4 tiết");
        Assert.Contains("chưa kết thúc", (await Assert.ThrowsAsync<DomainException>(() => w.Amendments.OpenAsync(c.ClassId, ClassPart.Roster, "Mở thêm lần nữa cho chắc"))).Message);

        // Only the timetable is open: the roster is still frozen.
        var line = (await w.Roster.GetAsync(c.ClassId))!.Active[0];
        Assert.Contains("đã được chốt", (await Assert.ThrowsAsync<DomainException>(() => w.Roster.WithdrawAsync(c.ClassId, line.EnrolmentId, line.Version, "Chuyển công tác"))).Message);

        // The session she missed had 10 periods, not 4: 32 of 46 periods, below 80%.
        var session = (await w.Timetable.GetSessionAsync(c.SessionIds[0]))!;
        await w.Timetable.SaveSessionAsync(session with { Periods = 10 });
        Assert.Equal(CertificateState.UnderReview, (await w.Verification.VerifyAsync(code))!.State);

        var outcome = await w.Amendments.CloseAsync(c.ClassId);
        Assert.StartsWith("1 giấy chứng nhận không còn đủ căn cứ", outcome);
        var view = (await w.Amendments.GetAsync(c.ClassId))!;
        var risk = Assert.Single(view.AtRisk);
        Assert.Equal(borderline, risk.EnrolmentId);
        Assert.Contains("không còn là hoàn thành", risk.Why);
        var amendment = Assert.Single(view.Lines);
        Assert.Equal((ClassPart.Timetable, "giaovu", "giaovu"), (amendment.Parts, amendment.OpenedBy, amendment.ClosedBy));
        Assert.Equal(outcome, amendment.Outcome);
        Assert.Contains("đã được chốt", (await Assert.ThrowsAsync<DomainException>(() => w.Timetable.SaveSessionAsync(session with { Periods = 4 }))).Message);

        // The register flags it too.
        var register = (await new CertificateRegisterService(db, new FixedUserScope(c.CentreId), TimeProvider.System)
            .GetPageAsync(new RegisterFilter(DecisionDate.Year), 1))!;
        Assert.Equal(CertificateState.UnderReview, register.Lines.Items.Single(l => l.Id == risk.CertificateId).State);
        Assert.All(register.Lines.Items.Where(l => l.Id != risk.CertificateId), l => Assert.Equal(CertificateState.Valid, l.State));

        // The public page never says valid for it; the others stay valid; revoking it clears the flag.
        Assert.Equal(CertificateState.UnderReview, (await w.Verification.VerifyAsync(code))!.State);
        var other = await db.Certificates.Where(x => x.EnrolmentId == c.EnrolmentIds[2]).Select(x => x.VerificationCode).SingleAsync();
        Assert.Equal(CertificateState.Valid, (await w.Verification.VerifyAsync(other))!.State);
        await w.Certificates.RevokeAsync(risk.CertificateId, "Không đủ 80% số tiết sau khi điều chỉnh thời khóa biểu");
        Assert.Empty(await w.Amendments.AtRiskAsync(c.ClassId));
        Assert.Equal(CertificateState.Revoked, (await w.Verification.VerifyAsync(code))!.State);

        await using var check = database.CreateContext();
        var audit = await check.AuditEntries.Where(a => a.EntityType == nameof(ClassAmendment) || a.EntityType == nameof(ClassSession)).ToListAsync();
        Assert.Contains(audit, a => a.EntityType == nameof(ClassAmendment) && a.UserName == "giaovu" && a.Changes.Contains("\"Reason\"", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.EntityType == nameof(ClassSession) && a.UserName == "giaovu" && a.Changes.Contains("Periods", StringComparison.Ordinal));
    }

    /// <summary>
    /// A class of 4 with 10 sessions of 4 periods and scores of 7 for all: the first trainee (roster order) missed
    /// three sessions (70%, not eligible), the second missed the first two (80%, just eligible), the others none.
    /// </summary>
    private static async Task<ClassFixture> ScoredClassAsync(AppDbContext db, ClassStatus status)
    {
        var c = await ClassTestData.CreateAsync(db, trainees: 4, sessions: 10, status: ClassStatus.Open);
        await ClassTestData.MarkAsync(db,
            from e in c.EnrolmentIds
            from s in c.SessionIds
            let missed = e == c.EnrolmentIds[0] ? c.SessionIds.Take(3) : e == c.EnrolmentIds[1] ? c.SessionIds.Take(2) : []
            select (e, s, missed.Contains(s) ? AttendanceStatus.Absent : AttendanceStatus.Present));
        var w = new Services(db, c.CentreId);
        var grid = (await w.Results.GetGridAsync(c.ClassId))!;
        await w.Results.SaveAsync(c.ClassId, grid.Rows.Skip(1).Select(r => Typed(r, "7")).ToList());
        if (status == ClassStatus.Finished)
        {
            await w.Classes.MoveAsync(c.ClassId, ClassStatus.Finished, null);
        }

        return c;
    }

    private static ScoreInput Typed(ResultsRow row, string score) => new(row.EnrolmentId, row.Version, score, "", row.StoredScore, row.StoredResit);

    private static AttendanceSaveRequest Marks(AttendanceGrid grid, params (int EnrolmentId, int SessionId, string Mark)[] cells) =>
        new(grid.Version, grid.Snapshot, cells.Select(x => new AttendanceCellInput(x.EnrolmentId, x.SessionId, x.Mark, null)).ToList());

    private sealed class Services(AppDbContext db, int centreId)
    {
        private readonly FixedUserScope _scope = new(centreId, UserId: "giaovu");

        public ResultsService Results => new(db, _scope);

        public AttendanceService Attendance => new(db, _scope, new NamedUser("giaovu"), TimeProvider.System);

        public ClassService Classes => new(db, _scope, TimeProvider.System);

        public TimetableService Timetable => new(db, _scope, TimeProvider.System);

        public RosterService Roster => new(db, _scope, TimeProvider.System);

        public ClassAmendmentService Amendments => new(db, _scope, TimeProvider.System);

        public CertificateService Certificates => new(db, _scope, TimeProvider.System);

        public CertificateVerificationService Verification => new(db, TimeProvider.System);
    }
}
