using DistrictTraining.Core.Cadres;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Reports;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Excel;
using DistrictTraining.Tests.Infrastructure;

namespace DistrictTraining.Tests.Reports;

/// <summary>Each report query on <see cref="ReportWorld"/>, whose right answers are worked out by hand below.</summary>
public class ReportServiceTests
{
    private static readonly ReportFilter Year2024 = new() { Year = 2024 };

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Summary_counts_held_classes_and_active_trainees_against_the_plan(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var reports = ReportWorld.Reports(db, w.StaffA);

        var report = await reports.SummaryAsync(Year2024);

        // NTD: C1 only (C3 cancelled, C4 planned); its 5 active trainees (the withdrawn one left out);
        // plan = the centre-wide line 3/12 (the Y line is a breakdown of it).
        // DVM: C2, 4 trainees; planned by unit only: X 1/2 + W 0/2 = 1/4.
        // NQ: C5, 2 trainees; no plan.
        Assert.Equal(
        [
            new SummaryRow(w.Ntd, "Bồi dưỡng nhận thức về Đảng", 3, 1, 12, 5),
            new SummaryRow(w.Dvm, "Bồi dưỡng lý luận chính trị dành cho đảng viên mới", 1, 1, 4, 4),
            new SummaryRow(w.Nq, "Cập nhật kiến thức, học tập nghị quyết", null, 1, null, 2),
        ], report.Rows);
        Assert.Equal(new SummaryRow(null, "Tổng cộng", 4, 3, 16, 11), report.Total);
        Assert.Equal("33,3%", ReportFormat.Percent(report.Rows[0].ClassShare));
        Assert.Equal("41,7%", ReportFormat.Percent(report.Rows[0].TraineeShare));
        Assert.Equal("100,0%", ReportFormat.Percent(report.Rows[1].TraineeShare));
        Assert.Equal("—", ReportFormat.Percent(report.Rows[2].ClassShare));
        Assert.Equal("75,0%", ReportFormat.Percent(report.Total.ClassShare));
        Assert.Equal("68,8%", ReportFormat.Percent(report.Total.TraineeShare)); // 11/16 = 68.75%

        Assert.Equal(["ĐẢNG BỘ HUYỆN PHÙ CÁT", "TRUNG TÂM CHÍNH TRỊ PHÙ CÁT"], report.Heading.IssuingBody);
        Assert.StartsWith("Phù Cát, ngày ", report.Heading.PlaceAndDate);
        Assert.Equal("Năm 2024", report.Heading.Subtitle);

        // One programme only.
        var ntd = await reports.SummaryAsync(Year2024 with { ProgrammeId = w.Ntd });
        Assert.Equal([new SummaryRow(w.Ntd, "Bồi dưỡng nhận thức về Đảng", 3, 1, 12, 5)], ntd.Rows);
        Assert.Equal("Năm 2024 – Chương trình: Bồi dưỡng nhận thức về Đảng", ntd.Heading.Subtitle);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Half_years_and_date_ranges_go_by_the_class_start_date(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var reports = ReportWorld.Reports(db, w.StaffA);

        // First half of 2024: C1 (March) and C5 (June); DVM keeps its row for the plan, with nothing held.
        var first = await reports.SummaryAsync(new ReportFilter { Year = 2024, Half = 1 });
        Assert.Equal("6 tháng đầu năm 2024", first.Heading.Period.Label);
        Assert.Equal([(w.Ntd, 1, 5), (w.Dvm, 0, 0), (w.Nq, 1, 2)], first.Rows.Select(r => (r.ProgrammeId!.Value, r.HeldClasses, r.Trainees)));
        Assert.Equal(12, first.Rows[0].PlannedTrainees); // measured against the whole year's plan

        var second = await reports.SummaryAsync(new ReportFilter { Year = 2024, Half = 2 });
        Assert.Equal((1, 4), (second.Total.HeldClasses, second.Total.Trainees)); // C2 only (C4 is still planned)

        // 01/06/2024–31/12/2025: C5, C2 and C6; plans of 2024 and 2025 (2025 has none).
        var range = await reports.SummaryAsync(new ReportFilter { From = new DateOnly(2024, 6, 1), To = new DateOnly(2025, 12, 31) });
        Assert.Equal("Từ ngày 01/06/2024 đến ngày 31/12/2025", range.Heading.Period.Label);
        Assert.Equal([(w.Ntd, 1, 4), (w.Dvm, 1, 4), (w.Nq, 1, 2)], range.Rows.Select(r => (r.ProgrammeId!.Value, r.HeldClasses, r.Trainees)));

        var wrong = await Assert.ThrowsAsync<DomainException>(() => reports.SummaryAsync(new ReportFilter { From = new DateOnly(2024, 6, 1), To = new DateOnly(2024, 5, 1) }));
        Assert.Equal("Ngày bắt đầu phải trước hoặc cùng ngày kết thúc.", wrong.Message);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task By_unit_reports_a_merged_commune_under_its_old_name_and_totals_it_under_the_new_one(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var reports = ReportWorld.Reports(db, w.StaffA);

        var report = await reports.ByUnitAsync(Year2024);

        Assert.Equal(["Bồi dưỡng nhận thức về Đảng", "Bồi dưỡng lý luận chính trị dành cho đảng viên mới", "Cập nhật kiến thức, học tập nghị quyết"], report.Programmes.Select(p => p.Name));
        // Ordered by today's unit, a merged commune beside its successor; the unknown unit last.
        Assert.Equal(
        [
            (w.P, "Chi bộ thôn Phú Hiệp", (string?)null, "1 0 0", 1),
            (w.Y, "Xã Cát Tài", null, "2 1 1", 4),
            (w.X, "Xã Cát Hanh", "Xã Hội Sơn", "2 1 0", 3),
            (w.W, "Xã Cát Lâm", "Xã Hội Sơn", "0 2 0", 2),
            (-1, "(Không rõ đơn vị)", null, "0 0 1", 1),
        ], report.Rows.Select(r => (r.UnitId ?? -1, r.UnitName, r.MergedIntoName, string.Join(" ", r.Counts), r.Total)));
        Assert.Equal([5, 4, 2], report.ProgrammeTotals);
        Assert.Equal(11, report.Total);

        // Under today's units: Xã Cát Hanh and Xã Cát Lâm add up under Xã Hội Sơn.
        Assert.Equal(
        [
            (w.P, "Chi bộ thôn Phú Hiệp", "1 0 0", 1),
            (w.Y, "Xã Cát Tài", "2 1 1", 4),
            (w.Z, "Xã Hội Sơn", "2 3 0", 5),
            (-1, "(Không rõ đơn vị)", "0 0 1", 1),
        ], report.CurrentUnits.Select(r => (r.UnitId ?? -1, r.UnitName, string.Join(" ", r.Counts), r.Total)));

        // Asking for the new commune finds its old communes' records; the summary then counts the classes
        // its people attended and measures them against its units' plan lines (DVM: X 1/2 + W 0/2).
        var z = await reports.SummaryAsync(Year2024 with { UnitId = w.Z });
        Assert.Equal("Năm 2024 – Đơn vị: Xã Hội Sơn", z.Heading.Subtitle);
        Assert.Equal([(w.Ntd, (int?)null, 1, 2), (w.Dvm, 1, 1, 3)], z.Rows.Select(r => (r.ProgrammeId!.Value, r.PlannedClasses, r.HeldClasses, r.Trainees)));
        Assert.Equal(4, z.Rows[1].PlannedTrainees);

        // A commune takes the Party cells under it.
        var y = await reports.ByUnitAsync(Year2024 with { UnitId = w.Y });
        Assert.Equal([w.P, w.Y], y.Rows.Select(r => r.UnitId!.Value));
        Assert.Equal(5, y.Total);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Lecturer_periods_add_up_sessions_of_classes_not_cancelled_split_full_time_and_part_time(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using var db = database.CreateContext();

        var report = await ReportWorld.Reports(db, w.StaffA).LecturersAsync(Year2024);

        // Full-time Hà: C1 4+5, C4 (planned, still counted) 4 = 13 in 2 classes; C3 (cancelled) and C6 (2025) left out.
        // An (active, taught nothing) is listed with 0, in Vietnamese order of given names; Bình (inactive) is not.
        Assert.Equal(
        [
            new LecturerRow(w.Idle, "Nguyễn Văn An", LecturerKind.FullTime, null, 0, 0, 0),
            new LecturerRow(w.FullTime, "Trần Thị Thu Hà", LecturerKind.FullTime, "Phó Giám đốc", 2, 3, 13),
        ], report.FullTime);
        Assert.Equal([new LecturerRow(w.PartTime, "Lê Văn Sơn", LecturerKind.PartTime, null, 2, 2, 7)], report.PartTime);
        Assert.Equal((2, 3, 13), (report.FullTimeTotal.Classes, report.FullTimeTotal.Sessions, report.FullTimeTotal.Periods));
        Assert.Equal(7, report.PartTimeTotal.Periods);
        Assert.Equal(("Tổng cộng", 20), (report.Total.Name, report.Total.Periods));

        // C1 was taught by both Hà and Sơn: one class in the total (Hà's C1 and C4, Sơn's C1 and C2 make 3 classes).
        Assert.Equal(3, report.Total.Classes);

        // One programme: DVM has only the part-time lecturer's 3 periods.
        var dvm = await ReportWorld.Reports(db, w.StaffA).LecturersAsync(Year2024 with { ProgrammeId = w.Dvm });
        Assert.Equal(3, dvm.Total.Periods);

        await Assert.ThrowsAsync<ReportAccessException>(() => ReportWorld.Reports(db, w.LiaisonY).LecturersAsync(Year2024));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Grades_count_results_of_active_trainees_and_certificates_count_every_issue(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using var db = database.CreateContext();

        var report = await ReportWorld.Reports(db, w.StaffA).GradesAsync(Year2024);

        Assert.Equal(["Xuất sắc", "Giỏi", "Khá", "Trung bình"], report.Grades);
        Assert.Equal(
        [
            // NTD: Giỏi (Hạnh; the withdrawn Hòa left out), Khá ×2, one not completed, Phúc without a result.
            (w.Ntd, "0 1 2 0", 0, 1, 1, 5),
            (w.Dvm, "1 0 0 1", 0, 0, 2, 4),
            (w.Nq, "0 0 0 0", 1, 0, 1, 2),
        ], report.Rows.Select(r => (r.ProgrammeId!.Value, string.Join(" ", r.GradeCounts), r.CompletedUngraded, r.NotCompleted, r.NoResult, r.Trainees)));
        Assert.Equal(("1 1 2 1", 1, 1, 4, 11), (string.Join(" ", report.Total.GradeCounts), report.Total.CompletedUngraded, report.Total.NotCompleted, report.Total.NoResult, report.Total.Trainees));

        // 2024 at centre A: Hạnh (valid), Hải (superseded) and its reissue (valid), Tâm (revoked).
        Assert.Equal([new CertificateRow(w.Ntd, "Bồi dưỡng nhận thức về Đảng", 4, 1, 2, 1, 1)], report.Certificates);
        Assert.Equal(4, report.CertificateTotal.Issued);

        var liaison = await ReportWorld.Reports(db, w.LiaisonY).GradesAsync(Year2024);
        Assert.Equal([(w.Ntd, 3), (w.Dvm, 1), (w.Nq, 1)], liaison.Rows.Select(r => (r.ProgrammeId!.Value, r.Trainees)));
        Assert.Equal(1, liaison.CertificateTotal.Issued); // Tâm, of Xã Cát Tài
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Dashboard_has_the_five_year_trend_and_each_served_unit_against_its_plan(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var reports = ReportWorld.Reports(db, w.StaffA);

        var dashboard = await reports.DashboardAsync(new ReportFilter { Year = 2025 });
        Assert.Equal("Các năm 2021–2025", dashboard.TrendLabel);
        Assert.Equal(
        [
            new TrendPoint(2021, 0, 0, null, null),
            new TrendPoint(2022, 0, 0, null, null),
            new TrendPoint(2023, 0, 0, null, null),
            new TrendPoint(2024, 3, 11, 4, 16),
            new TrendPoint(2025, 1, 4, null, null),
        ], dashboard.Trend);
        Assert.Equal((1, 4), (dashboard.Summary.Total.HeldClasses, dashboard.Summary.Total.Trainees));

        var firstHalf = await reports.DashboardAsync(new ReportFilter { Year = 2024, Half = 1 });
        Assert.Equal("6 tháng đầu các năm 2020–2024", firstHalf.TrendLabel);
        Assert.Equal(new TrendPoint(2024, 2, 7, 4, 16), firstHalf.Trend[^1]);

        // Units in 2024, under today's units: the plan lines of X and W (DVM 2 + 2) belong to Xã Hội Sơn now.
        var y2024 = await reports.DashboardAsync(new ReportFilter { Year = 2024 });
        Assert.Equal(
        [
            new UnitPlanRow(w.P, "Chi bộ thôn Phú Hiệp", null, 1),
            new UnitPlanRow(w.Y, "Xã Cát Tài", 5, 4),
            new UnitPlanRow(w.Z, "Xã Hội Sơn", 4, 5),
            new UnitPlanRow(null, "(Không rõ đơn vị)", null, 1),
        ], y2024.Units);
        Assert.Equal("125,0%", ReportFormat.Percent(y2024.Units[2].Share));
        Assert.Equal(4, y2024.Grades.CertificateTotal.Issued);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_lecturer_reports_total_counts_a_class_taught_by_several_lecturers_once_on_the_page_and_in_Excel(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var reports = ReportWorld.Reports(db, w.StaffA);

        // C1 taught by Hà (full-time) and Sơn (part-time): Hà has C1 and C4, Sơn C1 and C2; the centre taught in 3 classes.
        var report = await reports.LecturersAsync(Year2024);
        Assert.Equal([2, 2], report.FullTime.Where(r => r.Classes > 0).Concat(report.PartTime).Select(r => r.Classes));
        Assert.Equal((3, 5, 20), (report.Total.Classes, report.Total.Sessions, report.Total.Periods));

        var export = await new ReportExportService(reports).LecturersAsync(Year2024);
        await using var file = export.File;
        using var copy = new MemoryStream();
        await file.Stream.CopyToAsync(copy);
        var sheet = XlsxTestReader.Open(copy.ToArray());
        var header = sheet.Cells.Single(c => c.Value.Value == "Số lớp").Key;
        var column = header.TrimEnd("0123456789".ToCharArray());
        var totalRow = sheet.Rows.Single(r => r.CellReferences.Any(c => sheet.Value(c) == "Tổng cộng")).Number;
        Assert.Equal("3", sheet.Value($"{column}{totalRow}"));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_dashboards_unit_rows_add_up_to_its_total_with_the_trainees_of_no_known_unit_last(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var reports = ReportWorld.Reports(db, w.StaffA);

        var dashboard = await reports.DashboardAsync(Year2024);
        Assert.Equal(11, dashboard.Summary.Total.Trainees);
        Assert.Equal(dashboard.Summary.Total.Trainees, dashboard.Units.Sum(u => u.Trainees));
        Assert.Equal(("(Không rõ đơn vị)", 1, (int?)null), (dashboard.Units[^1].Name, dashboard.Units[^1].Trainees, dashboard.Units[^1].PlannedTrainees));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_unit_liaison_sees_only_their_unit_and_is_refused_another(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var liaison = ReportWorld.Reports(db, w.LiaisonY);

        // Xã Cát Tài and its Party cell: C1 Y×2 + P×1, C2 Y×1, C5 Y×1; the plan is Y's line (NTD 1/5).
        var summary = await liaison.SummaryAsync(Year2024);
        Assert.Equal([(w.Ntd, 5, 1, 3), (w.Dvm, (int?)null, 1, 1), (w.Nq, null, 1, 1)],
            summary.Rows.Select(r => (r.ProgrammeId!.Value, r.PlannedTrainees, r.HeldClasses, r.Trainees)));
        Assert.Equal("Năm 2024 – Đơn vị: Xã Cát Tài", summary.Heading.Subtitle);
        Assert.Equal([w.P, w.Y], (await liaison.ByUnitAsync(Year2024)).Rows.Select(r => r.UnitId!.Value));

        // Their own Party cell is theirs; another commune is not, nor the whole centre's other centre.
        Assert.Equal(1, (await liaison.SummaryAsync(Year2024 with { UnitId = w.P })).Total.Trainees);
        await Assert.ThrowsAsync<ReportAccessException>(() => liaison.SummaryAsync(Year2024 with { UnitId = w.Z }));
        await Assert.ThrowsAsync<ReportAccessException>(() => liaison.ByUnitAsync(Year2024 with { UnitId = w.X }));
        await Assert.ThrowsAsync<ReportAccessException>(() => liaison.DashboardAsync(Year2024 with { UnitId = w.District }));
        await Assert.ThrowsAsync<ReportAccessException>(() => liaison.SummaryAsync(Year2024 with { CentreId = w.CentreB }));

        var choices = await liaison.ChoicesAsync();
        Assert.True(choices.UnitFixed);
        Assert.Equal(["Xã Cát Tài"], choices.Units.Select(u => u.Name));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Centres_see_their_own_classes_and_the_provincial_office_sees_every_centre(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using var db = database.CreateContext();

        var b = await ReportWorld.Reports(db, w.StaffB).SummaryAsync(Year2024);
        Assert.Equal([new SummaryRow(w.Ntd, "Bồi dưỡng nhận thức về Đảng", 1, 1, 5, 5)], b.Rows);
        await Assert.ThrowsAsync<ReportAccessException>(() => ReportWorld.Reports(db, w.StaffB).SummaryAsync(Year2024 with { CentreId = w.CentreA }));

        // NTD: C1 and CB, 5 + 5 trainees; plans 3/12 + 1/5.
        var province = ReportWorld.Reports(db, w.Province);
        var all = await province.SummaryAsync(Year2024);
        Assert.Equal(new SummaryRow(w.Ntd, "Bồi dưỡng nhận thức về Đảng", 4, 2, 17, 10), all.Rows[0]);
        Assert.Equal(["CÁC TRUNG TÂM CHÍNH TRỊ"], all.Heading.IssuingBody);
        Assert.Equal(5, (await province.SummaryAsync(Year2024 with { CentreId = w.CentreB })).Total.Trainees);
        Assert.Equal(["Trung tâm Chính trị Phù Cát", "Trung tâm Chính trị Tây Sơn"], (await province.ChoicesAsync()).Centres.Select(c => c.Name));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Cadre_qualification_gives_the_seed_shares_for_committee_members_and_secretaries(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (centreId, otherCentreId, communes) = await SeedCadresAsync(database);
        await using var db = database.CreateContext();

        var report = await ReportWorld.Reports(db, new FixedUserScope(centreId, CanEdit: false)).CadreAsync(new ReportFilter { Year = 2025 });

        // 13 communes × (1 secretary + 3 members) = 52; qualified: 11 of 13 secretaries, 18 of 39 members → 29 of 52.
        Assert.Equal((52, 29, 13, 11), (report.Total.Members, report.Total.MembersQualified, report.Total.Secretaries, report.Total.SecretariesQualified));
        Assert.Equal("55,8%", ReportFormat.Percent(report.Total.MemberShare));
        Assert.Equal("84,6%", ReportFormat.Percent(report.Total.SecretaryShare));
        Assert.Equal(13, report.Rows.Count);

        // Xã 01: secretary qualified and 2 of 3 members → 3/4; two sent to trung cấp in 2025 (one in 2024 is not this year), one to cao cấp.
        var first = report.Rows.Single(r => r.UnitId == communes[0]);
        Assert.Equal(new CadreRow(communes[0], "Xã 01", 4, 3, 1, 1, 0, 2, 1, 0), first);
        Assert.Equal("75,0%", ReportFormat.Percent(first.MemberShare));
        Assert.Equal((2, 1), (report.Total.SentIntermediate, report.Total.SentAdvanced));
        Assert.Equal([(TheoryLevel.Intermediate, "Trung cấp", 2), (TheoryLevel.Advanced, "Cao cấp", 1)],
            report.SentByLevel.Select(l => (l.Level, l.Name, l.Count)));

        // The other centre serves only Xã Bình Nghi (its secretary); it sent one person of Xã 01 to cao cấp.
        var other = await ReportWorld.Reports(db, new FixedUserScope(otherCentreId, CanEdit: false)).CadreAsync(new ReportFilter { Year = 2025 });
        Assert.Equal((1, 1, 0, 1), (other.Total.Members, other.Total.SecretariesQualified, other.Total.SentIntermediate, other.Total.SentAdvanced));

        // A liaison of Xã 01 sees Xã 01 only.
        var liaison = await ReportWorld.Reports(db, new FixedUserScope(centreId, UnitId: communes[0], CanEdit: false)).CadreAsync(new ReportFilter { Year = 2025 });
        Assert.Equal([communes[0]], liaison.Rows.Select(r => r.UnitId!.Value));
    }

    private static async Task<(int CentreId, int OtherCentreId, List<int> Communes)> SeedCadresAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var centre = new TrainingCentre { Name = "Trung tâm Chính trị Phù Cát" };
        var other = new TrainingCentre { Name = "Trung tâm Chính trị Tây Sơn" };
        db.TrainingCentres.AddRange(centre, other);
        var communes = Enumerable.Range(1, 13).Select(i => new OrganisationUnit { Name = $"Xã {i:00}", Kind = UnitKind.Commune }).ToList();
        var elsewhere = new OrganisationUnit { Name = "Xã Bình Nghi", Kind = UnitKind.Commune };
        db.OrganisationUnits.AddRange(communes);
        db.OrganisationUnits.Add(elsewhere);
        await db.SaveChangesAsync();
        db.CentreServedUnits.AddRange(communes.Select(c => new CentreServedUnit { CentreId = centre.Id, UnitId = c.Id }));
        db.CentreServedUnits.Add(new CentreServedUnit { CentreId = other.Id, UnitId = elsewhere.Id });

        Trainee Person(OrganisationUnit unit, CommitteeRole role, TheoryLevel level, string given)
        {
            var t = new Trainee { FamilyName = "Trần", MiddleName = "Văn", GivenName = given, UnitId = unit.Id, CommitteeRole = role, TheoryLevel = level };
            db.Trainees.Add(t);
            return t;
        }

        // Secretaries: qualified in communes 1–11 (trung cấp, cao cấp or cử nhân), not in 12–13.
        // Members: 18 of 39 qualified: 2 in each of communes 1–9.
        TheoryLevel[] high = [TheoryLevel.Intermediate, TheoryLevel.Advanced, TheoryLevel.Bachelor];
        for (var i = 0; i < 13; i++)
        {
            Person(communes[i], CommitteeRole.Secretary, i < 11 ? high[i % 3] : TheoryLevel.Elementary, "Bí Thư " + i);
            Person(communes[i], i % 2 == 0 ? CommitteeRole.DeputySecretary : CommitteeRole.StandingMember, i < 9 ? TheoryLevel.Intermediate : TheoryLevel.Elementary, "Phó " + i);
            Person(communes[i], CommitteeRole.CommitteeMember, i < 9 ? TheoryLevel.Advanced : TheoryLevel.None, "Ủy Viên " + i);
            Person(communes[i], CommitteeRole.CommitteeMember, TheoryLevel.Elementary, "Ủy Viên Khác " + i);
        }

        // Not committee members: never counted, whatever their level.
        Person(communes[0], CommitteeRole.None, TheoryLevel.Bachelor, "Đảng Viên");
        Person(elsewhere, CommitteeRole.Secretary, TheoryLevel.Intermediate, "Bí Thư Khác");
        var sent1 = Person(communes[0], CommitteeRole.None, TheoryLevel.Elementary, "Đi Học Một");
        var sent2 = Person(communes[0], CommitteeRole.None, TheoryLevel.Elementary, "Đi Học Hai");
        await db.SaveChangesAsync();

        db.ExternalTrainings.AddRange(
            new ExternalTraining { TraineeId = sent1.Id, Level = TheoryLevel.Intermediate, Institution = "Trường Chính trị tỉnh", StartDate = new DateOnly(2025, 9, 5), CentreId = centre.Id },
            new ExternalTraining { TraineeId = sent2.Id, Level = TheoryLevel.Intermediate, Institution = "Trường Chính trị tỉnh", StartDate = new DateOnly(2025, 9, 5), CentreId = centre.Id },
            new ExternalTraining { TraineeId = sent2.Id, Level = TheoryLevel.Intermediate, Institution = "Trường Chính trị tỉnh", StartDate = new DateOnly(2024, 9, 5), CentreId = centre.Id },
            new ExternalTraining { TraineeId = sent1.Id, Level = TheoryLevel.Advanced, Institution = "Học viện Chính trị khu vực III", StartDate = new DateOnly(2025, 9, 5), CentreId = centre.Id },
            new ExternalTraining { TraineeId = sent1.Id, Level = TheoryLevel.Advanced, Institution = "Học viện Chính trị khu vực III", StartDate = new DateOnly(2025, 9, 5), CentreId = other.Id });
        await db.SaveChangesAsync();
        return (centre.Id, other.Id, [.. communes.Select(c => c.Id)]);
    }
}
