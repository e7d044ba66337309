using DistrictTraining.Core;
using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Cadres;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Demo;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Import;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Plans;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Quality;
using DistrictTraining.Core.Reports;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Core.Documents;
using DistrictTraining.Core.WorkQueue;
using DistrictTraining.Tests.Import;
using DistrictTraining.Tests.Organisation;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace DistrictTraining.Tests.SqlServer;

/// <summary>
/// Every service method below runs on <see cref="OfflineSqlServer"/>: EF translates each of its
/// queries and saves for SQL Server, and each command it writes must parse as T-SQL. Each method runs
/// as centre staff, the provincial office, a unit liaison and a lecturer, with answers of one row and of none, so
/// that the branches behind "found" and "not found" both run. A refusal the placeholder data provokes
/// (a domain rule, a save whose row count does not match) is expected; a query EF cannot translate is not.
/// </summary>
public class SqlServerQueryTranslationTests(ITestOutputHelper output)
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly Guid Version = new("11111111-1111-1111-1111-111111111111");

    private static readonly IUserScope[] Scopes =
    [
        new FixedUserScope(CentreId: 1, CanEdit: true, IsAdministrator: true, UserId: "1"),
        new FixedUserScope(CentreId: null, CanEdit: false, AllCentres: true, UserId: "1"),
        new FixedUserScope(CentreId: 1, UnitId: 1, CanEdit: false, UserId: "1"),
        new FixedUserScope(CentreId: 1, CanEdit: false, UserId: "1", IsLecturer: true),
    ];

    /// <summary>A fixed "now" two weeks after <see cref="Day"/>, so that the dates the cases pass are in the past, as the services expect.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 16, 3, 0, 0, TimeSpan.Zero);

    private sealed record Case(string Name, Func<IServiceProvider, Task> Run);

    private static Case On<T>(string method, Func<T, Task> run) where T : notnull =>
        new($"{typeof(T).Name}.{method}", services => run(services.GetRequiredService<T>()));

    private static readonly ReportFilter Year = new() { Year = 2026 };
    private static readonly ReportFilter Narrow = new() { From = Day, To = Day.AddMonths(3), ProgrammeId = 1, UnitId = 1, CentreId = 1 };

    /// <summary>The service methods covered: every public method of the feature services (checked below) and the demo seeder.</summary>
    private static IEnumerable<Case> Cases()
    {
        // Certificates
        yield return On<CertificateRegisterService>("GetPageAsync", s => s.GetPageAsync(new RegisterFilter(2026, ProgrammeId: 1, ClassId: 1, State: CertificateState.Valid, Name: "nguyen"), 1));
        yield return On<CertificateRegisterService>("GetPrintAsync", s => s.GetPrintAsync(new RegisterFilter(2026)));
        yield return On<CertificateRegisterService>("ExportAsync", async s => await DisposeAsync(await s.ExportAsync(new RegisterFilter(2026))));
        yield return On<CertificateRegisterService>("DecidedClassesAsync", s => s.DecidedClassesAsync(2026));
        yield return On<CertificateService>("GetClassAsync", s => s.GetClassAsync(1));
        yield return On<CertificateService>("PreviewIssueAsync", s => s.PreviewIssueAsync(1, Day));
        yield return On<CertificateService>("IssueForClassAsync", s => s.IssueForClassAsync(1, new IssueRequest(Day, "Nguyễn Văn A", "Giám đốc")));
        yield return On<CertificateService>("IssueForClassAsync (previewed, confirmed)", s => s.IssueForClassAsync(1, new IssueRequest(Day, Expected: new IssueExpectation(2026, 1, 1, [1]), ConfirmationReason: "thiếu ngày sinh")));
        yield return On<CertificateService>("GetAsync", s => s.GetAsync(1));
        yield return On<CertificateService>("ReissueAsync", s => s.ReissueAsync(1, new ReissueRequest(ReissueReasonKind.Lost, "mất", Day)));
        yield return On<CertificateService>("RevokeAsync", s => s.RevokeAsync(1, "cấp nhầm"));
        yield return On<CertificateService>("PrintableAsync", s => s.PrintableAsync(1));
        yield return On<CertificateService>("PrintableForClassAsync", s => s.PrintableForClassAsync(1));
        yield return On<CertificateVerificationService>("VerifyAsync", s => s.VerifyAsync(VerificationCode.New()));
        yield return On<CertificateKeyService>("EnsureKeyAsync", s => s.EnsureKeyAsync(1));
        yield return On<CertificateKeyService>("ListAsync", s => s.ListAsync());
        yield return On<CertificateKeyService>("RotateAsync", s => s.RotateAsync());
        yield return On<CertificateKeyService>("PublicKeysAsync", s => s.PublicKeysAsync());
        yield return On<CertificateSigningService>("SignAsync", s => s.SignAsync([1, 2]));
        yield return On<CertificateSigningService>("CheckAsync", s => s.CheckAsync("eyJhbGciOiJFUzI1NiIsImtpZCI6IkFCQ0QifQ.e30.AAAA"));
        yield return On<CertificateSigningService>("StatusListsAsync", s => s.StatusListsAsync());

        // Classes
        yield return On<ClassService>("ListAsync", s => s.ListAsync(new ClassListFilter { Year = 2026, ProgrammeId = 1, Status = ClassStatus.Open, VenueKind = VenueKind.Centre, Venue = "Cát" }));
        yield return On<ClassService>("ListChoicesAsync", s => s.ListChoicesAsync());
        yield return On<ClassService>("GetDetailsAsync", s => s.GetDetailsAsync(1));
        yield return On<ClassService>("NewAsync", s => s.NewAsync(1, 2026));
        yield return On<ClassService>("ProposeNumberAsync", s => s.ProposeNumberAsync(1, 2026));
        yield return On<ClassService>("GetForEditAsync", s => s.GetForEditAsync(1));
        yield return On<ClassService>("FormChoicesAsync", s => s.FormChoicesAsync(1, 1));
        yield return On<ClassService>("SaveAsync (new)", s => s.SaveAsync(ClassEdit(null)));
        yield return On<ClassService>("SaveAsync (edit)", s => s.SaveAsync(ClassEdit(1)));
        yield return On<ClassService>("MoveAsync (open)", s => s.MoveAsync(1, ClassStatus.Open, null));
        yield return On<ClassService>("MoveAsync (cancel)", s => s.MoveAsync(1, ClassStatus.Cancelled, "thiếu học viên"));
        yield return On<AttendanceService>("GetGridAsync", s => s.GetGridAsync(1));
        yield return On<AttendanceService>("GetGridAsync", s => s.GetGridAsync(1, page: 2));
        yield return On<AttendanceService>("SaveAsync", s => s.SaveAsync(1, new AttendanceSaveRequest(null, null, [new AttendanceCellInput(1, 1, "v", null)])));
        yield return On<AttendanceService>("SaveAsync", s => s.SaveAsync(1, new AttendanceSaveRequest(null, null, [new AttendanceCellInput(1, 1, "C", null)], [1])));
        yield return On<AttendanceService>("FillEmptyAsync", s => s.FillEmptyAsync(1, null));
        yield return On<AttendanceService>("PreviewOverwriteAsync", s => s.PreviewOverwriteAsync(1, 1));
        yield return On<AttendanceService>("OverwriteAllAsync", s => s.OverwriteAllAsync(1, null, null, confirmed: true));
        yield return On<ResultsService>("GetGridAsync", s => s.GetGridAsync(1));
        yield return On<ResultsService>("GetGridAsync", s => s.GetGridAsync(1, page: 2));
        yield return On<ResultsService>("SaveAsync", s => s.SaveAsync(1, [new ScoreInput(1, Version, "7,5", null, "1", null)]));
        yield return On<ResultsService>("RecordDecisionAsync", s => s.RecordDecisionAsync(1, new CompletionDecisionInput("12/QĐ-TTCT", Day.AddDays(10), "Nguyễn Văn A", Version)));
        yield return On<ClassAmendmentService>("GetAsync", s => s.GetAsync(1));
        yield return On<ClassAmendmentService>("AtRiskAsync", s => s.AtRiskAsync(1));
        yield return On<ClassAmendmentService>("OpenAsync", s => s.OpenAsync(1, ClassPart.Roster | ClassPart.Timetable, "nhập sai điểm danh"));
        yield return On<ClassAmendmentService>("CloseAsync", s => s.CloseAsync(1));
        yield return On<ClassReportService>("RosterWithResultsAsync", async s => await DisposeAsync((await s.RosterWithResultsAsync(1))?.File));
        yield return On<RosterService>("GetAsync", s => s.GetAsync(1));
        yield return On<RosterService>("GetPageAsync", s => s.GetPageAsync(1, 2));
        yield return On<RosterService>("AddExistingAsync", s => s.AddExistingAsync(1, 1));
        yield return On<RosterService>("AddExistingAsync (submission token)", s => s.AddExistingAsync(1, 1, Guid.NewGuid()));
        yield return On<RosterService>("AddNewAsync", s => s.AddNewAsync(1, new NewTraineeInput("Nguyễn", "Văn", "An", Sex.Male, "02/03/1990", "052090000001", 1, "Bí thư")));
        yield return On<RosterService>("AddNewAsync (token, confirmed)", s => s.AddNewAsync(1, new NewTraineeInput("Nguyễn", "Văn", "An", Sex.Male, "02/03/1990", null, 1, "Bí thư", "Ghi chú"), Guid.NewGuid(), confirmedDistinct: true));
        yield return On<RosterService>("RecogniseAsync (card)", s => s.RecogniseAsync(1, "052090000001|215000000|Tôn Nữ Bích Ngọc|02031990|Nữ|Xã Cát Hanh|01012021"));
        yield return On<RosterService>("RecogniseAsync (name)", s => s.RecogniseAsync(1, "Tôn Nữ Bích Ngọc"));
        yield return On<RosterService>("WithdrawAsync", s => s.WithdrawAsync(1, 1, Version, "chuyển công tác"));
        yield return On<RosterService>("SetRoleAsync", s => s.SetRoleAsync(1, 1, Version, ClassRole.DeputyMonitor));
        yield return On<RosterService>("UnitChoicesAsync", s => s.UnitChoicesAsync());
        yield return On<TimetableService>("NewSessionAsync", s => s.NewSessionAsync(1));
        yield return On<TimetableService>("GetSessionAsync", s => s.GetSessionAsync(1));
        yield return On<TimetableService>("FormContextAsync", s => s.FormContextAsync(1, 1));
        yield return On<TimetableService>("SaveSessionAsync (new)", s => s.SaveSessionAsync(new SessionEdit { ClassId = 1, Date = new DateOnly(2026, 1, 5), Topic = "Chuyên đề 1", LecturerId = 1 }));
        yield return On<TimetableService>("SaveSessionAsync (edit)", s => s.SaveSessionAsync(new SessionEdit { Id = 1, ClassId = 1, Date = new DateOnly(2026, 1, 5), Topic = "Chuyên đề 1", LecturerId = 1 }));
        yield return On<TimetableService>("DeleteSessionAsync", s => s.DeleteSessionAsync(1));

        // Accounts and first run
        yield return On<AccountService>("GetProfileAsync", s => s.GetProfileAsync("1"));
        yield return On<AccountService>("ListAsync", s => s.ListAsync());
        yield return On<AccountService>("GetForEditAsync", s => s.GetForEditAsync("1"));
        yield return On<AccountService>("ChoicesAsync", s => s.ChoicesAsync());
        yield return On<AccountService>("ManagesAllCentresAsync", s => s.ManagesAllCentresAsync());
        yield return On<AccountService>("LecturerChoicesAsync", s => s.LecturerChoicesAsync("1"));
        yield return On<AccountService>("LecturerChoicesAsync (new account)", s => s.LecturerChoicesAsync(null));
        yield return On<AccountService>("SaveAsync (new)", s => s.SaveAsync(new UserEdit(null, "canbo1", "Cán bộ Một", Roles.CentreStaff, null, null, TestPassword.Default)));
        yield return On<AccountService>("SaveAsync (edit)", s => s.SaveAsync(new UserEdit("1", "canbo1", "Cán bộ Một", Roles.UnitLiaison, 1, 1, null)));
        yield return On<AccountService>("SaveAsync (lecturer)", s => s.SaveAsync(new UserEdit("1", "gv.hung", "Phạm Văn Hùng", Roles.Lecturer, 1, null, null, LecturerId: 1)));
        yield return On<AccountService>("SetDisabledAsync", s => s.SetDisabledAsync("1", true, "2"));
        yield return On<AccountService>("UnlockAsync", s => s.UnlockAsync("1"));
        yield return On<SetupService>("IsRequiredAsync", s => s.IsRequiredAsync());
        yield return On<SetupService>("CompleteAsync", s => s.CompleteAsync(new SetupRequest("Trung tâm Chính trị Phù Cát", "admin", "Quản trị", TestPassword.Default)));

        // Imports
        yield return new Case("RosterImportService.PreviewAsync, ReloadAsync, ConfirmAsync, SkippedAsync, RowsToFixAsync", async services =>
        {
            var s = services.GetRequiredService<RosterImportService>();
            var bytes = await File.ReadAllBytesAsync(RosterTestSupport.SamplePath("danh-sach-hoc-vien-cat-hanh.xlsx"));
            var preview = await s.PreviewAsync(1, new MemoryStream(bytes), bytes.Length, "danh-sach.xlsx", fileUnitId: 1);
            await s.ReloadAsync(1, preview.Token, new ImportChoices(1, [7]));
            await s.ConfirmAsync(1, preview.Token, [new ImportDecision(5, 1, false), new ImportDecision(6, null, true)], new ImportChoices(1, [7]));
            await s.SkippedAsync(1, preview.Token);
            await DisposeAsync(await s.RowsToFixAsync(1, preview.Token));
        });
        yield return On<RosterImportService>("UnitChoicesAsync", s => s.UnitChoicesAsync());
        yield return new Case("ScoreImportService.PreviewAsync, ReloadAsync, ConfirmAsync", async services =>
        {
            var s = services.GetRequiredService<ScoreImportService>();
            var bytes = XlsxBuilder.FromGrid(["STT", "Họ và tên", "Ngày sinh", "Điểm", "Điểm thi lại"], [1, "1", "05/01/2026", "7,5", null]);
            var preview = await s.PreviewAsync(1, new MemoryStream(bytes), bytes.Length, "diem.xlsx");
            await s.ReloadAsync(1, preview.Token);
            await s.ConfirmAsync(1, preview.Token);
        });
        yield return On<ScoreImportService>("TemplateAsync", async s => await DisposeAsync(await s.TemplateAsync(1)));
        yield return On<RosterImportService>("CancelAsync", s => s.CancelAsync(1, new string('a', 32)));
        yield return On<ScoreImportService>("CancelAsync", s => s.CancelAsync(1, new string('a', 32)));
        yield return On<UnitImportService>("CancelAsync", s => s.CancelAsync(new string('a', 32)));
        yield return new Case("UnitImportService.UploadAsync, PreviewAsync, CommitAsync", async services =>
        {
            var s = services.GetRequiredService<UnitImportService>();
            var bytes = TestWorkbook.Build(
                ["STT", "Mã", "Tên đơn vị", "Loại", "Đơn vị cấp trên", "Hiệu lực từ", "Hiệu lực đến"],
                [1, "21610", "Xã Cát Hanh", "Xã", "1", null, null],
                [2, null, "Chi bộ thôn Hòa Hội", "Chi bộ", "21610", null, null]);
            var preview = await s.UploadAsync(new MemoryStream(bytes), "don-vi.xlsx");
            await s.PreviewAsync(preview.Token);
            await s.CommitAsync(preview.Token);
        });

        // Cadres sent to higher-level training
        yield return On<CadreTrainingService>("RegisterAsync", s => s.RegisterAsync(1));
        yield return On<CadreTrainingService>("GetAsync", s => s.GetAsync(1));
        yield return On<CadreTrainingService>("SaveAsync (new)", s => s.SaveAsync(new ExternalTrainingInput(null, 1, TheoryLevel.Intermediate, "Trường Chính trị tỉnh", Day, Day, "1-QĐ/HU", Day, TrainingOutcome.Completed, null)));
        yield return On<CadreTrainingService>("SaveAsync (edit)", s => s.SaveAsync(new ExternalTrainingInput(1, 1, TheoryLevel.Intermediate, "Trường Chính trị tỉnh", Day, null, null, null, TrainingOutcome.Studying, null, Version)));
        yield return On<CadreTrainingService>("DeleteAsync", s => s.DeleteAsync(1));
        yield return On<CadreTrainingImportService>("CancelAsync", s => s.CancelAsync(new string('a', 32)));
        yield return new Case("CadreTrainingImportService.UploadAsync, PreviewAsync, CommitAsync", async services =>
        {
            var s = services.GetRequiredService<CadreTrainingImportService>();
            var bytes = TestWorkbook.Build(
                ["Họ và tên", "Ngày sinh", "Số CCCD", "Trình độ", "Cơ sở đào tạo", "Ngày bắt đầu", "Ngày kết thúc", "Kết quả"],
                ["Nguyễn Văn An", "04/03/1985", "052085000123", "Trung cấp", "Trường Chính trị tỉnh", "01/09/2025", "01/03/2026", "Hoàn thành"],
                ["Lê Văn Chí", "09/01/1979", null, "Cao cấp", "Học viện", "01/09/2025", null, null]);
            var preview = await s.UploadAsync(new MemoryStream(bytes), "cu-di-hoc.xlsx");
            await s.PreviewAsync(preview.Token);
            await s.CommitAsync(preview.Token);
        });

        // Teaching quality: surveys, observations, the lecturer's page
        yield return On<SurveyService>("ItemsAsync", s => s.ItemsAsync());
        yield return On<SurveyService>("SaveItemsAsync", s => s.SaveItemsAsync([new SurveyItemInput(1, "Nội dung", true), new SurveyItemInput(null, "Thái độ", true)]));
        yield return On<SurveyService>("ClassAsync", s => s.ClassAsync(1));
        yield return On<SurveyService>("OpenAsync", s => s.OpenAsync(new SurveyOpening(1, Day, Day.AddDays(7), 3)));
        yield return On<SurveyService>("SetClosingAsync", s => s.SetClosingAsync(1, Day.AddDays(3)));
        yield return On<SurveyService>("SlipsAsync", s => s.SlipsAsync(1));
        yield return On<SurveyAnsweringService>("FormAsync", s => s.FormAsync("ABCDEFGH"));
        yield return On<SurveyAnsweringService>("SubmitAsync", s => s.SubmitAsync("ABCDEFGH", "ABCD-EFGH", [new TargetAnswer(1, new Dictionary<int, int> { [1] = 5 }, "Tốt")]));
        yield return On<SurveyResultsService>("ResultsAsync", s => s.ResultsAsync(new SurveyResultFilter(2026, 1, 1)));
        yield return On<SurveyResultsService>("ExportAsync", async s => await DisposeAsync(await s.ExportAsync(new SurveyResultFilter(2026))));
        yield return On<ObservationService>("SessionsAsync", s => s.SessionsAsync(1));
        yield return On<ObservationService>("GetAsync", s => s.GetAsync(1));
        yield return On<ObservationService>("SaveAsync (new)", s => s.SaveAsync(new ObservationInput(null, 1, "Nguyễn Văn Hùng", Day, 5, 4, 4, 5, "Tốt", "Tốt", Day.AddDays(3), "Họp tổ")));
        yield return On<ObservationService>("SaveAsync (edit)", s => s.SaveAsync(new ObservationInput(1, 1, "Nguyễn Văn Hùng", Day, 5, 4, 4, 5, null, null, null, null)));
        yield return On<ObservationService>("ForLecturerAsync", s => s.ForLecturerAsync(1));
        yield return On<LecturerProfileService>("ProfileAsync", s => s.ProfileAsync(1));

        // Catalogues and settings
        yield return On<LecturerService>("ListAsync", s => s.ListAsync(new LecturerFilter("nguyen", LecturerKind.FullTime, true)));
        yield return On<LecturerService>("GetAsync", s => s.GetAsync(1));
        yield return On<LecturerService>("AccountChoicesAsync", s => s.AccountChoicesAsync(1));
        yield return On<LecturerService>("AccountChoicesAsync (new lecturer)", s => s.AccountChoicesAsync(null));
        yield return On<LecturerService>("SaveAsync (new)", s => s.SaveAsync(Lecturer(null)));
        yield return On<LecturerService>("SaveAsync (edit)", s => s.SaveAsync(Lecturer(1)));
        yield return On<LecturerService>("SaveAsync (linked account)", s => s.SaveAsync(Lecturer(1) with { UserId = "2" }));
        yield return On<CentreSettingsService>("GetAsync", s => s.GetAsync());
        yield return On<CentreSettingsService>("SaveAsync", s => s.SaveAsync(new CentreSettings("Trung tâm Chính trị Phù Cát", "Huyện ủy Phù Cát", 1, "Phù Cát", "Nguyễn Văn A", "Thị trấn Ngô Mây", 15)));
        yield return On<CentreSettingsService>("ServedUnitsAsync", s => s.ServedUnitsAsync(Day));
        yield return On<CentreSettingsService>("SaveServedUnitsAsync", s => s.SaveServedUnitsAsync([new ServedUnitChoice(1, Day, null), new ServedUnitChoice(2, null, null)]));
        yield return On<OrganisationUnitService>("TreeAsync", s => s.TreeAsync(Day));
        yield return On<OrganisationUnitService>("TreeAsync (all)", s => s.TreeAsync(Day, all: true));
        yield return On<OrganisationUnitService>("GetAsync", s => s.GetAsync(1));
        yield return On<OrganisationUnitService>("SaveAsync (new)", s => s.SaveAsync(new UnitEdit(null, "21610", "Xã Cát Hanh", UnitKind.Commune, 1, null, null)));
        yield return On<OrganisationUnitService>("SaveAsync (edit)", s => s.SaveAsync(new UnitEdit(1, "21610", "Xã Cát Hanh", UnitKind.Commune, 2, Day, null)));
        yield return On<OrganisationUnitService>("MergeAsync (into a unit)", s => s.MergeAsync(new MergeRequest([1, 2], 3, null, Day, MoveChildren: true)));
        yield return On<OrganisationUnitService>("MergeAsync (into a new unit)", s => s.MergeAsync(new MergeRequest([1, 2], null, new NewUnit("Xã Cát Mới", "21611", UnitKind.Commune, 4), Day)));
        yield return On<PlanService>("GetGridAsync", s => s.GetGridAsync(2026, showUnits: true));
        yield return On<PlanService>("SaveAsync", s => s.SaveAsync(2026, [new PlanLineInput(1, null, 1, Version, 3, 120, null), new PlanLineInput(1, 1, null, null, 1, 40, "thôn")]));
        yield return On<PlanService>("CopyFromPreviousYearAsync", s => s.CopyFromPreviousYearAsync(2026));
        yield return On<ProgrammeService>("ListAsync", s => s.ListAsync());
        yield return On<ProgrammeService>("GetAsync", s => s.GetAsync(1));
        yield return On<ProgrammeService>("SaveAsync (new)", s => s.SaveAsync(Programme(null)));
        yield return On<ProgrammeService>("SaveAsync (edit)", s => s.SaveAsync(Programme(1)));

        // A lecturer's home page
        yield return On<TeachingService>("GetOverviewAsync", s => s.GetOverviewAsync());

        // The class documents (Word)
        yield return On<ClassDocumentService>("OpeningDecisionAsync", s => s.OpeningDecisionAsync(1));
        yield return On<ClassDocumentService>("CompletionDecisionAsync", s => s.CompletionDecisionAsync(1));
        yield return On<ClassDocumentService>("CertificateListAsync", s => s.CertificateListAsync(1));
        yield return On<ClassDocumentService>("SignInSheetAsync", s => s.SignInSheetAsync(1));

        // Everyone else's home page: the work queue
        yield return On<WorkQueueService>("GetAsync", s => s.GetAsync());

        // Reports
        foreach (var (label, filter) in new[] { ("year", Year), ("range, programme, unit", Narrow), ("half", new ReportFilter { Year = 2026, Half = 2 }) })
        {
            yield return On<ReportService>($"SummaryAsync ({label})", s => s.SummaryAsync(filter));
            yield return On<ReportService>($"ByUnitAsync ({label})", s => s.ByUnitAsync(filter));
            yield return On<ReportService>($"CadreAsync ({label})", s => s.CadreAsync(filter));
            yield return On<ReportService>($"LecturersAsync ({label})", s => s.LecturersAsync(filter));
            yield return On<ReportService>($"GradesAsync ({label})", s => s.GradesAsync(filter));
            yield return On<ReportService>($"DashboardAsync ({label})", s => s.DashboardAsync(filter));
            yield return On<ReportService>($"AttendanceListAsync ({label})", async s =>
            {
                var (_, lines) = await s.AttendanceListAsync(filter);
                await foreach (var _ in lines)
                {
                }
            });
        }

        yield return On<ReportService>("ChoicesAsync", s => s.ChoicesAsync());
        yield return On<ReportExportService>("SummaryAsync", async s => await DisposeAsync((await s.SummaryAsync(Year)).File));
        yield return On<ReportExportService>("ByUnitAsync (current units)", async s => await DisposeAsync((await s.ByUnitAsync(Year, currentUnits: true)).File));
        yield return On<ReportExportService>("ByUnitAsync (units then)", async s => await DisposeAsync((await s.ByUnitAsync(Year, currentUnits: false)).File));
        yield return On<ReportExportService>("AttendanceListAsync", async s => await DisposeAsync((await s.AttendanceListAsync(Year)).File));
        yield return On<ReportExportService>("CadreAsync", async s => await DisposeAsync((await s.CadreAsync(Year)).File));
        yield return On<ReportExportService>("LecturersAsync", async s => await DisposeAsync((await s.LecturersAsync(Year)).File));
        yield return On<ReportExportService>("GradesAsync", async s => await DisposeAsync((await s.GradesAsync(Year)).File));
        yield return On<ReportExportService>("CertificatesAsync", async s => await DisposeAsync((await s.CertificatesAsync(Year)).File));

        // Trainee registry
        yield return On<TraineeService>("SearchAsync (name)", s => s.SearchAsync(new TraineeSearch("nguyễn văn", UnitId: 1, BirthYear: 1990, PartyStatus: PartyStatus.FullMember, Page: 2)));
        yield return On<TraineeService>("SearchAsync (CCCD)", s => s.SearchAsync(new TraineeSearch("052090000001")));
        yield return On<TraineeService>("SearchAsync (everyone)", s => s.SearchAsync(new TraineeSearch()));
        yield return On<TraineeService>("LookupAsync", s => s.LookupAsync("ngu"));
        yield return On<TraineeService>("GetDetailsAsync", s => s.GetDetailsAsync(1));
        yield return On<TraineeService>("GetForEditAsync", s => s.GetForEditAsync(1));
        yield return On<TraineeService>("CreateAsync", s => s.CreateAsync(Trainee(), confirmedDistinct: false));
        yield return On<TraineeService>("CreateAsync (confirmed)", s => s.CreateAsync(Trainee(), confirmedDistinct: true));
        yield return On<TraineeService>("CreateAsync (submission token)", s => s.CreateAsync(Trainee(), confirmedDistinct: true, Guid.NewGuid()));
        yield return On<TraineeService>("UpdateAsync", s => s.UpdateAsync(1, Trainee(), Version, 0));
        yield return On<TraineeService>("UpdateAsync (only changed fields)", s => s.UpdateAsync(1, Trainee() with { Phone = "0905" }, Version, 0, Trainee()));
        yield return On<TraineeService>("CheckAsync", s => s.CheckAsync(new TraineeCheckInput("Nguyễn", "Văn", "An", Sex.Male, "02/03/1990", "052090000001", 1, 2)));
        yield return On<TraineeService>("UnitChoicesAsync", s => s.UnitChoicesAsync(1));
        yield return On<TraineeService>("FilterUnitChoicesAsync", s => s.FilterUnitChoicesAsync());

        // Demo data (Database:SeedDemoData)
        yield return On<DemoDataSeeder>("SeedIfEnabledAsync", s => s.SeedIfEnabledAsync());
        yield return On<DemoDataSeeder>("SeedAsync", s => s.SeedAsync(2025));
    }

    /// <summary>"RosterImportService.PreviewAsync, ReloadAsync, ConfirmAsync (x)" covers three methods of RosterImportService.</summary>
    private static IEnumerable<string> MethodsOf(Case c)
    {
        var name = c.Name.Split(" (")[0];
        var type = name[..name.IndexOf('.', StringComparison.Ordinal)];
        return name[(type.Length + 1)..].Split(", ").Select(method => $"{type}.{method}");
    }

    [Fact]
    public void The_cases_cover_every_public_method_of_every_feature_service()
    {
        var registered = new ServiceCollection().AddPortalFeatures().Select(d => d.ServiceType);
        var methods = registered
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType))
                .Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);

        var covered = Cases().SelectMany(MethodsOf).ToHashSet(StringComparer.Ordinal);

        Assert.True(methods.Count > 80, $"Only {methods.Count} service methods were found.");
        Assert.Empty(methods.Except(covered).Order(StringComparer.Ordinal));
        Assert.Empty(covered.Except(methods).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_service_query_translates_for_SQL_Server_and_every_command_parses()
    {
        var started = DateTime.UtcNow;
        var untranslated = new List<string>();
        var unexpected = new List<string>();
        var stopped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var commandsByCase = new Dictionary<string, int>(StringComparer.Ordinal);
        var commands = new HashSet<string>(StringComparer.Ordinal);
        var cases = Cases().ToList();

        foreach (var rows in new[] { 1, 0 })
        {
            foreach (var scope in Scopes)
            {
                var server = new OfflineSqlServer { RowsPerResult = rows };
                await using var services = Services(server, scope);
                foreach (var c in cases)
                {
                    var before = server.Commands.Count;
                    await using var requestScope = services.CreateAsyncScope();
                    try
                    {
                        await c.Run(requestScope.ServiceProvider);
                    }
                    catch (Exception e) when (IsTranslationFailure(e))
                    {
                        untranslated.Add($"{c.Name}: {e.Message}");
                    }
                    catch (Exception e) when (IsStopByPlaceholderData(e))
                    {
                        var key = e is InvalidOperationException ? $"{e.GetType().Name} from {e.TargetSite?.DeclaringType?.Namespace}" : e.GetType().Name;
                        stopped[key] = stopped.GetValueOrDefault(key) + 1;
                    }
                    catch (Exception e)
                    {
                        unexpected.Add($"{c.Name} (rows {rows}, scope {scope}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                    }

                    commandsByCase[c.Name] = commandsByCase.GetValueOrDefault(c.Name) + server.Commands.Count - before;
                }

                commands.UnionWith(server.Commands);
            }
        }

        foreach (var sql in commands)
        {
            TSqlSchema.Parse(sql, "A command EF wrote for SQL Server:\n" + sql + "\n");
        }

        var methods = cases.SelectMany(MethodsOf).Distinct().Count();
        output.WriteLine($"{cases.Count} cases ({methods} service methods) × {Scopes.Length} scopes × 2 row counts; "
            + $"{commands.Count} distinct SQL commands, all parsed; in {(DateTime.UtcNow - started).TotalSeconds:0.0} s.");
        output.WriteLine("Stopped early by the placeholder data: " + string.Join(", ", stopped.Select(s => $"{s.Key} ×{s.Value}")));
        foreach (var (name, count) in commandsByCase.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {count,4}  {name}");
        }

        Assert.True(untranslated.Count == 0, "Queries EF cannot translate for SQL Server:\n  " + string.Join("\n  ", untranslated));
        Assert.True(unexpected.Count == 0, "Unexpected failures:\n" + string.Join("\n\n", unexpected.Take(10)));
        Assert.Empty(commandsByCase.Where(c => c.Value == 0).Select(c => c.Key));
        Assert.True(commands.Count > 250, $"Only {commands.Count} distinct commands were captured.");
    }

    private static bool IsTranslationFailure(Exception e) =>
        e is InvalidOperationException && (e.Message.Contains("could not be translated", StringComparison.Ordinal)
                                           || e.Message.Contains("translat", StringComparison.OrdinalIgnoreCase))
        || e is NotSupportedException or NotImplementedException;

    // What placeholder answers make a service stop: a domain rule (the class is not open, the number is
    // taken...); a save whose returned rows do not match what EF expects of a real server; Identity not
    // finding the role a new account is given; the audit history's JSON being the placeholder "1"; the
    // cross-node lock of first-run setup, which needs a server of its own (its T-SQL is parsed in
    // SqlServerProviderCodeTests).
    private static bool IsStopByPlaceholderData(Exception e) =>
        e is DomainException or DbUpdateException
        || (e is Microsoft.Data.SqlClient.SqlException && e.StackTrace?.Contains(nameof(Core.Data.DatabaseLock), StringComparison.Ordinal) == true)
        || (e is InvalidOperationException && e.TargetSite?.DeclaringType?.Namespace is { } origin
            && (origin.StartsWith("System.Text.Json", StringComparison.Ordinal) || origin.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal)));

    private static ServiceProvider Services(OfflineSqlServer server, IUserScope scope)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped<AppDbContext>(_ => server.CreateContext(new SystemUserNamed()));
        services.AddSingleton(scope);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddSingleton<ICurrentUser>(new SystemUserNamed());
        services.AddSingleton(new StorageOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "districttraining-tests", "offline-sqlserver") });
        services.AddSingleton(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, SeedDemoData = true });
        services.AddTransient<SetupState>(); // fresh per case: IsRequiredAsync remembers a completed setup
        services.AddPortalFeatures();
        services.AddDataProtection(); // the signing keys' private halves (CertificateKeyService)
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>().AddEntityFrameworkStores<AppDbContext>();
        return services.BuildServiceProvider();
    }

    private sealed class SystemUserNamed : ICurrentUser
    {
        public string? UserId => "1";

        public string? UserName => "canbo1";
    }

    private static ClassEdit ClassEdit(int? id) => new()
    {
        Id = id, Version = id is null ? null : Version, ProgrammeId = 1, Year = 2026, Number = 3, Title = "Lớp nhận thức về Đảng",
        VenueKind = VenueKind.Centre, StartDate = Day, EndDate = Day.AddDays(4), HeadLecturerId = 1, AcademicOfficerName = "Trần Thị B",
    };

    private static LecturerEdit Lecturer(int? id) => new(id, "Nguyễn", "Văn", "Bình", LecturerKind.PartTime, "Phó Bí thư", "Huyện ủy", "0905000000", true);

    private static ProgrammeRules Programme(int? id) => new(
        id, "NTD2", "Bồi dưỡng nhận thức về Đảng", ProgrammeKind.PartyAwareness, "Quần chúng ưu tú", 5, 6, AssessmentKind.FinalReflection,
        CertificateKind.Certificate, 80m, 5m, null, true, [new GradeBandRule(9m, "Xuất sắc"), new GradeBandRule(5m, "Đạt")]);

    private static TraineeInput Trainee() => new()
    {
        FamilyName = "Nguyễn", MiddleName = "Văn", GivenName = "An", Sex = Sex.Male, Birth = "02/03/1990", Cccd = "052090000001",
        UnitId = 1, PartyStatus = PartyStatus.FullMember, PartyJoinDate = new DateOnly(2015, 5, 19), PartyOfficialDate = new DateOnly(2016, 5, 19),
    };

    private static async Task DisposeAsync(IAsyncDisposable? disposable)
    {
        if (disposable is not null)
        {
            await disposable.DisposeAsync();
        }
    }
}
