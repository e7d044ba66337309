using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Reports;

/// <summary>
/// The reports that leave the centre, and the dashboard. Every count and sum is a GROUP BY in the
/// database; only the grouped rows (a few per programme or unit) come back to be named and laid out.
/// </summary>
/// <remarks>
/// <para>Definitions, the same on every page and export:</para>
/// <list type="bullet">
/// <item>A class is <b>held</b> in a period when it is open or finished (not planned, not cancelled)
/// and its start date (ngày khai giảng) falls in the period. A class without a start date has not
/// been held.</item>
/// <item><b>Trainee-attendances</b> (lượt học viên) are the active enrolments (withdrawn ones left out)
/// of held classes; a person attending two classes counts twice.</item>
/// <item>An enrolment counts for the unit it was made under (<see cref="Enrolment.UnitId"/>), by that
/// unit's own name; a unit merged since is also totalled under the unit it was merged into.</item>
/// <item>The <b>plan</b> of a programme is the centre-wide line of the annual plan, or the sum of its
/// unit lines when the centre planned it by unit only; with a unit filter, the unit lines. A half-year
/// is measured against the year's plan; a date range against the plans of the years it touches.</item>
/// <item>A <b>unit filter</b> (or a unit liaison's own unit) takes the unit, the units merged into it
/// and the units under it; classes then count when at least one active trainee came from them.</item>
/// </list>
/// </remarks>
public sealed class ReportService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    /// <summary>a. Classes held and trainee-attendances per programme, against the plan.</summary>
    public async Task<SummaryReport> SummaryAsync(ReportFilter filter, CancellationToken cancellationToken = default) =>
        await SummaryAsync(await ResolveAsync(filter, cancellationToken), cancellationToken);

    /// <summary>b. Trainee-attendances per unit (under its name of the time) and programme, and totals under today's units.</summary>
    public async Task<UnitReport> ByUnitAsync(ReportFilter filter, CancellationToken cancellationToken = default) =>
        await ByUnitAsync(await ResolveAsync(filter, cancellationToken), cancellationToken);

    /// <summary>
    /// c. Commune Party-committee members and secretaries (from the registry as it is today) per commune
    /// and overall, with the share holding trung cấp LLCT or above; people sent to higher-level training
    /// whose course started in the period, by level, and courses completed in the period, per unit.
    /// </summary>
    public async Task<CadreReport> CadreAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var context = await ResolveAsync(filter, cancellationToken);
        var people = context.Units ?? context.ServedUnits;

        // "> None", not "!= None": a range the (CommitteeRole, TheoryLevel) index can serve.
        var members = db.Trainees.AsNoTracking().Where(t => t.CommitteeRole > CommitteeRole.None);
        if (people is not null)
        {
            members = members.Where(t => t.UnitId != null && people.Contains(t.UnitId.Value));
        }

        // On COALESCE(UnitId, 0) for the reason given in ByUnitAsync: 2 ms instead of 400 on a province.
        var byUnit = (await members
            .GroupBy(t => t.UnitId ?? 0)
            .Select(g => new
            {
                UnitId = g.Key,
                Members = g.Count(),
                MembersQualified = g.Count(t => t.TheoryLevel >= TheoryLevel.Intermediate),
                Secretaries = g.Count(t => t.CommitteeRole == CommitteeRole.Secretary),
                SecretariesQualified = g.Count(t => t.CommitteeRole == CommitteeRole.Secretary && t.TheoryLevel >= TheoryLevel.Intermediate),
            })
            .ToListAsync(cancellationToken))
            .Select(m => new { UnitId = m.UnitId == 0 ? null : (int?)m.UnitId, m.Members, m.MembersQualified, m.Secretaries, m.SecretariesQualified })
            .ToList();

        // People sent to higher-level training: counted in the period their course started, under the unit they belong
        // to now; courses completed: in the period they ended (ExternalTraining, recorded on the person's page or imported).
        var (from, to) = (context.Period.From, context.Period.To);
        var external = db.ExternalTrainings.AsNoTracking().AsQueryable();
        if (context.CentreId is { } centreId)
        {
            external = external.Where(x => x.CentreId == centreId);
        }

        if (context.Units is { } units)
        {
            external = external.Where(x => x.Trainee!.UnitId != null && units.Contains(x.Trainee.UnitId.Value));
        }

        var sent = (await external
            .Where(x => x.StartDate >= from && x.StartDate <= to)
            .GroupBy(x => new { UnitId = x.Trainee!.UnitId ?? 0, x.Level })
            .Select(g => new { g.Key.UnitId, g.Key.Level, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .Select(s => new { UnitId = s.UnitId == 0 ? null : (int?)s.UnitId, s.Level, s.Count })
            .ToList();
        var completed = (await external
            .Where(x => x.Outcome == Cadres.TrainingOutcome.Completed && x.EndDate >= from && x.EndDate <= to)
            .GroupBy(x => x.Trainee!.UnitId ?? 0)
            .Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .Select(c => new { UnitId = c.UnitId == 0 ? null : (int?)c.UnitId, c.Count })
            .ToList();

        int Sent(int? unitId, Func<TheoryLevel, bool> level) => sent.Where(s => s.UnitId == unitId && level(s.Level)).Sum(s => s.Count);

        var rows = byUnit.Select(m => m.UnitId).Union(sent.Select(s => s.UnitId)).Union(completed.Select(c => c.UnitId))
            .Select(unitId =>
            {
                var m = byUnit.FirstOrDefault(b => b.UnitId == unitId);
                return new CadreRow(
                    unitId,
                    UnitLabel(context.Directory, unitId),
                    m?.Members ?? 0,
                    m?.MembersQualified ?? 0,
                    m?.Secretaries ?? 0,
                    m?.SecretariesQualified ?? 0,
                    Sent(unitId, l => l <= TheoryLevel.Elementary),
                    Sent(unitId, l => l == TheoryLevel.Intermediate),
                    Sent(unitId, l => l >= TheoryLevel.Advanced),
                    completed.Where(c => c.UnitId == unitId).Sum(c => c.Count));
            })
            .OrderBy(r => r.UnitId is null ? 1 : 0).ThenBy(r => UnitDirectory.SortKey(r.UnitName), StringComparer.Ordinal)
            .ToList();
        var total = new CadreRow(null, ExcelTotals, rows.Sum(r => r.Members), rows.Sum(r => r.MembersQualified), rows.Sum(r => r.Secretaries),
            rows.Sum(r => r.SecretariesQualified), rows.Sum(r => r.SentElementary), rows.Sum(r => r.SentIntermediate), rows.Sum(r => r.SentAdvanced),
            rows.Sum(r => r.Completed));
        var byLevel = sent.GroupBy(s => s.Level).OrderBy(g => g.Key)
            .Select(g => new LevelCount(g.Key, Trainee.TheoryLevelName(g.Key), g.Sum(s => s.Count)))
            .ToList();
        return new CadreReport(context.Heading, rows, total, byLevel);
    }

    /// <summary>
    /// d. Teaching periods per lecturer: the periods of the sessions they taught in the period (by the
    /// session's date) in classes not cancelled, full-time and part-time apart, with subtotals. Active
    /// lecturers who taught nothing are listed with zero. A subtotal's or the total's classes are distinct
    /// classes: a class taught by three lecturers is one class. Not for unit liaisons.
    /// </summary>
    public async Task<LecturerReport> LecturersAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        if (scope.UnitId is not null)
        {
            throw new ReportAccessException("Báo cáo giờ giảng của giảng viên không dành cho cán bộ đơn vị.");
        }

        var context = await ResolveAsync(filter with { UnitId = null }, cancellationToken);
        var (from, to) = (context.Period.From, context.Period.To);
        var sessions = db.ClassSessions.AsNoTracking()
            .Where(s => s.LecturerId != null && s.Class!.Status != ClassStatus.Cancelled && s.Date >= from && s.Date <= to);
        if (context.CentreId is { } centreId)
        {
            sessions = sessions.Where(s => s.Class!.CentreId == centreId);
        }

        if (context.ProgrammeId is { } programmeId)
        {
            sessions = sessions.Where(s => s.Class!.ProgrammeId == programmeId);
        }

        var taught = await sessions
            .GroupBy(s => s.LecturerId!.Value)
            .Select(g => new { LecturerId = g.Key, Classes = g.Select(s => s.ClassId).Distinct().Count(), Sessions = g.Count(), Periods = g.Sum(s => s.Periods) })
            .ToListAsync(cancellationToken);
        // Which lecturer taught in which class: the subtotals and the total count each class once, however many taught in it.
        var classesTaught = await sessions.Select(s => new { LecturerId = s.LecturerId!.Value, s.ClassId }).Distinct().ToListAsync(cancellationToken);
        var taughtIds = taught.Select(t => t.LecturerId).ToList();
        var centre = context.CentreId;
        var lecturers = await db.Lecturers.AsNoTracking()
            .Where(l => taughtIds.Contains(l.Id) || (l.IsActive && (centre == null || l.CentreId == centre)))
            .Select(l => new { l.Id, l.FullName, l.SortKey, l.Kind, l.Position })
            .ToListAsync(cancellationToken);
        var rows = lecturers
            .OrderBy(l => l.SortKey, StringComparer.Ordinal).ThenBy(l => l.Id)
            .Select(l =>
            {
                var t = taught.FirstOrDefault(x => x.LecturerId == l.Id);
                return new LecturerRow(l.Id, l.FullName, l.Kind, l.Position, t?.Classes ?? 0, t?.Sessions ?? 0, t?.Periods ?? 0);
            })
            .ToList();
        var fullTime = rows.Where(r => r.Kind == LecturerKind.FullTime).ToList();
        var partTime = rows.Where(r => r.Kind != LecturerKind.FullTime).ToList();
        return new LecturerReport(context.Heading, fullTime, Sum("Cộng giảng viên chuyên trách", fullTime), partTime,
            Sum("Cộng giảng viên kiêm chức", partTime), Sum(ExcelTotals, rows));

        LecturerRow Sum(string name, List<LecturerRow> group)
        {
            var ids = group.Select(r => r.LecturerId).ToHashSet();
            var classes = classesTaught.Where(t => ids.Contains(t.LecturerId)).Select(t => t.ClassId).Distinct().Count();
            return new(null, name, null, null, classes, group.Sum(r => r.Sessions), group.Sum(r => r.Periods));
        }
    }

    /// <summary>e. Grade distribution of held classes per programme, and certificates issued in the period.</summary>
    public async Task<GradeReport> GradesAsync(ReportFilter filter, CancellationToken cancellationToken = default) =>
        await GradesAsync(await ResolveAsync(filter, cancellationToken), cancellationToken);

    /// <summary>
    /// The dashboard of a year or half-year: the summary, the last five years (the same half of each
    /// year when a half is chosen), each served unit against its plan, grades and certificates.
    /// </summary>
    public async Task<Dashboard> DashboardAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        filter = filter with { From = null, To = null };
        var context = await ResolveAsync(filter, cancellationToken);
        var summary = await SummaryAsync(context, cancellationToken);

        var year = context.Period.From.Year;
        var half = context.Period.Half;
        var trendContext = context with
        {
            Period = new ReportPeriod(new DateOnly(year - 4, 1, 1), new DateOnly(year, 12, 31), "", half, IsRange: true),
        };
        var classes = HeldClasses(trendContext);
        var attendances = Attendances(trendContext);
        if (half == 1)
        {
            classes = classes.Where(c => c.StartDate!.Value.Month <= 6);
            attendances = attendances.Where(e => e.Class!.StartDate!.Value.Month <= 6);
        }
        else if (half == 2)
        {
            classes = classes.Where(c => c.StartDate!.Value.Month >= 7);
            attendances = attendances.Where(e => e.Class!.StartDate!.Value.Month >= 7);
        }

        var classTrend = await classes.GroupBy(c => c.StartDate!.Value.Year).Select(g => new { Year = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        // Five years of trainee-attendances: from the classes' tallies (ADR-016) unless a unit filter needs the enrolments.
        var traineeTrend = context.Units is null
            ? await classes.Join(ActiveTallies(), c => c.Id, t => t.ClassId, (c, t) => new { c.StartDate, t.Trainees })
                .GroupBy(x => x.StartDate!.Value.Year).Select(g => new { Year = g.Key, Count = g.Sum(x => x.Trainees) }).ToListAsync(cancellationToken)
            : await attendances.GroupBy(e => e.Class!.StartDate!.Value.Year).Select(g => new { Year = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var plans = await PlanTotalsAsync(trendContext, cancellationToken);
        var trend = Enumerable.Range(year - 4, 5).Select(y =>
        {
            var yearPlans = plans.Where(p => p.Year == y).ToList();
            return new TrendPoint(
                y,
                classTrend.FirstOrDefault(c => c.Year == y)?.Count ?? 0,
                traineeTrend.FirstOrDefault(t => t.Year == y)?.Count ?? 0,
                yearPlans.Count == 0 ? null : yearPlans.Sum(p => p.Classes),
                yearPlans.Count == 0 ? null : yearPlans.Sum(p => p.Trainees));
        }).ToList();
        var trendLabel = half switch
        {
            1 => $"6 tháng đầu các năm {year - 4}–{year}",
            2 => $"6 tháng cuối các năm {year - 4}–{year}",
            _ => $"Các năm {year - 4}–{year}",
        };

        var byUnit = await ByUnitAsync(context, cancellationToken);
        var units = await UnitPlansAsync(context, byUnit, cancellationToken);
        var grades = await GradesAsync(context, cancellationToken);
        return new Dashboard(context.Heading, summary, trendLabel, trend, units, grades);
    }

    /// <summary>
    /// The trainee-attendances themselves, one line per active enrolment of a held class (the people
    /// behind the counts of <see cref="ByUnitAsync(ReportFilter, CancellationToken)"/>), ordered by class
    /// start date, class and the Vietnamese order of names. The lines stream from the database as they
    /// are read: a province's year is about 100,000 of them.
    /// </summary>
    public async Task<(ReportHeading Heading, IAsyncEnumerable<AttendanceLine> Lines)> AttendanceListAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var context = await ResolveAsync(filter, cancellationToken);
        var directory = context.Directory;
        var rows = Attendances(context)
            .OrderBy(e => e.Class!.StartDate).ThenBy(e => e.ClassId).ThenBy(e => e.Trainee!.SortKey).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Trainee!.FullName,
                e.Trainee.DateOfBirth,
                e.Trainee.BirthYearOnly,
                e.Trainee.Sex,
                e.UnitId,
                ProgrammeName = e.Class!.Programme!.Name,
                e.Class.Number,
                e.Class.Year,
                e.Class.StartDate,
                GradeName = e.Result != null ? e.Result.GradeName : null,
                Completed = e.Result != null ? e.Result.Completed : null,
            })
            .AsAsyncEnumerable();

        async IAsyncEnumerable<AttendanceLine> Lines([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token = default)
        {
            await foreach (var r in rows.WithCancellation(token))
            {
                var merged = r.UnitId is { } unit ? directory.CurrentSuccessor(unit) : null;
                yield return new AttendanceLine(
                    r.FullName,
                    r.DateOfBirth is { } birth ? PartialDate.From(birth, r.BirthYearOnly) : null,
                    r.Sex,
                    r.UnitId is { } id ? directory.Name(id) : UnknownUnit,
                    merged is { } m ? directory.Name(m) : null,
                    r.ProgrammeName,
                    Classes.ClassLabels.NumberLabel(r.Number, r.Year),
                    r.StartDate,
                    r.Completed == false ? "Không hoàn thành" : r.GradeName ?? (r.Completed == true ? "Hoàn thành" : null));
            }
        }

        return (context.Heading, Lines(cancellationToken));
    }

    /// <summary>The choices of the filter forms. A unit liaison is offered their own unit (and the units merged into it) only.</summary>
    public async Task<ReportChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        var classes = db.TrainingClasses.AsNoTracking().Where(c => c.StartDate != null);
        if (!scope.AllCentres)
        {
            var centreId = scope.CentreId ?? -1;
            classes = classes.Where(c => c.CentreId == centreId);
        }

        var years = await classes.Select(c => c.StartDate!.Value.Year).Distinct().ToListAsync(cancellationToken);
        var thisYear = clock.VietnamToday().Year;
        if (!years.Contains(thisYear))
        {
            years.Add(thisYear);
        }

        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id)
            .Select(p => new Choice(p.Id, p.Name)).ToListAsync(cancellationToken);
        var directory = await UnitDirectory.LoadAsync(db, cancellationToken);

        IEnumerable<int> unitIds;
        if (scope.UnitId is { } own)
        {
            unitIds = [own, .. PredecessorsOf(directory, own)];
        }
        else
        {
            var served = await ServedUnitIdsAsync(scope.AllCentres ? null : scope.CentreId ?? -1, cancellationToken);
            unitIds = served.Count == 0
                ? await db.OrganisationUnits.AsNoTracking().Select(u => u.Id).ToListAsync(cancellationToken)
                : served.Concat(served.SelectMany(id => PredecessorsOf(directory, id))).Distinct();
        }

        var units = unitIds
            .Select(id => new Choice(id, UnitLabel(directory, id)))
            .OrderBy(u => UnitDirectory.SortKey(u.Name), StringComparer.Ordinal)
            .ToList();
        var centres = scope.AllCentres
            ? await db.TrainingCentres.AsNoTracking().OrderBy(c => c.Name).Select(c => new Choice(c.Id, c.Name)).ToListAsync(cancellationToken)
            : [];
        return new ReportChoices([.. years.OrderDescending()], programmes, units, centres, scope.UnitId is not null);
    }

    // ------------------------------------------------------------------ the queries behind several reports

    private async Task<SummaryReport> SummaryAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var classes = await HeldClasses(context)
            .GroupBy(c => c.ProgrammeId)
            .Select(g => new { ProgrammeId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var trainees = await TraineesByProgrammeAsync(context, cancellationToken);
        var plans = await PlanTotalsAsync(context, cancellationToken);

        var programmeIds = classes.Select(c => c.ProgrammeId).Concat(trainees.Select(t => t.ProgrammeId)).Concat(plans.Select(p => p.ProgrammeId));
        var programmes = await ProgrammesAsync(programmeIds, cancellationToken);
        var rows = programmes.Select(p =>
        {
            var planned = plans.Where(x => x.ProgrammeId == p.Id).ToList();
            return new SummaryRow(
                p.Id,
                p.Name,
                planned.Count == 0 ? null : planned.Sum(x => x.Classes),
                classes.FirstOrDefault(c => c.ProgrammeId == p.Id)?.Count ?? 0,
                planned.Count == 0 ? null : planned.Sum(x => x.Trainees),
                trainees.FirstOrDefault(t => t.ProgrammeId == p.Id)?.Count ?? 0);
        }).ToList();
        var total = new SummaryRow(
            null,
            ExcelTotals,
            rows.Any(r => r.PlannedClasses is not null) ? rows.Sum(r => r.PlannedClasses ?? 0) : null,
            rows.Sum(r => r.HeldClasses),
            rows.Any(r => r.PlannedTrainees is not null) ? rows.Sum(r => r.PlannedTrainees ?? 0) : null,
            rows.Sum(r => r.Trainees));
        return new SummaryReport(context.Heading, rows, total);
    }

    private async Task<UnitReport> ByUnitAsync(ReportContext context, CancellationToken cancellationToken)
    {
        // Grouped on COALESCE(UnitId, 0), not on UnitId: a plain column lets SQLite walk the whole
        // UnitId index for its order instead of reading the period's classes (550 ms against 35 ms a
        // year on a province); ids start at 1, so 0 stands for "no unit".
        var counts = (await Attendances(context)
            .GroupBy(e => new { UnitId = e.UnitId ?? 0, e.Class!.ProgrammeId })
            .Select(g => new { g.Key.UnitId, g.Key.ProgrammeId, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .Select(c => new { UnitId = c.UnitId == 0 ? null : (int?)c.UnitId, c.ProgrammeId, c.Count })
            .ToList();
        var programmes = (await ProgrammesAsync(counts.Select(c => c.ProgrammeId), cancellationToken))
            .Select(p => new ProgrammeColumn(p.Id, p.Name)).ToList();
        var directory = context.Directory;

        UnitRow Row(int? unitId, string name, int? mergedInto, IEnumerable<(int ProgrammeId, int Count)> cells)
        {
            var list = cells.ToList();
            var values = programmes.Select(p => list.Where(c => c.ProgrammeId == p.Id).Sum(c => c.Count)).ToList();
            return new UnitRow(unitId, name, mergedInto, mergedInto is { } m ? directory.Name(m) : null, values, values.Sum());
        }

        var rows = counts
            .GroupBy(c => c.UnitId)
            .Select(g => Row(
                g.Key,
                g.Key is { } id ? directory.Name(id) : UnknownUnit,
                g.Key is { } unit ? directory.CurrentSuccessor(unit) : null,
                g.Select(c => (c.ProgrammeId, c.Count))))
            .OrderBy(r => r.UnitId is null ? 1 : 0)
            .ThenBy(r => UnitDirectory.SortKey(r.MergedIntoName ?? r.UnitName), StringComparer.Ordinal)
            .ThenBy(r => r.MergedIntoName is null ? 0 : 1)
            .ThenBy(r => UnitDirectory.SortKey(r.UnitName), StringComparer.Ordinal)
            .ToList();

        // Ten years of records under today's units: a merged commune's rows add up under its successor.
        var current = counts
            .GroupBy(c => c.UnitId is { } id ? directory.CurrentSuccessor(id) ?? id : (int?)null)
            .Select(g => Row(g.Key, g.Key is { } id ? directory.Name(id) : UnknownUnit, null, g.Select(c => (c.ProgrammeId, c.Count))))
            .OrderBy(r => r.UnitId is null ? 1 : 0).ThenBy(r => UnitDirectory.SortKey(r.UnitName), StringComparer.Ordinal)
            .ToList();
        var totals = programmes.Select(p => counts.Where(c => c.ProgrammeId == p.Id).Sum(c => c.Count)).ToList();
        return new UnitReport(context.Heading, programmes, rows, current, totals, totals.Sum());
    }

    private async Task<GradeReport> GradesAsync(ReportContext context, CancellationToken cancellationToken)
    {
        List<ResultCount> results;
        List<ProgrammeCount> trainees;
        if (context.Units is null)
        {
            // One read of the held classes' tallies (ADR-016) gives both the results and the trainee-attendances.
            var tallies = await HeldClasses(context)
                .Join(ActiveTallies(), c => c.Id, t => t.ClassId, (c, t) => new { c.ProgrammeId, t.ResultKind, t.GradeName, t.Trainees })
                .GroupBy(x => new { x.ProgrammeId, x.ResultKind, x.GradeName })
                .Select(g => new { g.Key.ProgrammeId, g.Key.ResultKind, g.Key.GradeName, Count = g.Sum(x => x.Trainees) })
                .ToListAsync(cancellationToken);
            results = [.. tallies.Where(t => t.ResultKind != ClassTally.NoResult)
                .Select(t => new ResultCount(t.ProgrammeId, t.GradeName.Length == 0 ? null : t.GradeName, ClassTally.CompletedOf(t.ResultKind), t.Count))];
            trainees = [.. tallies.GroupBy(t => t.ProgrammeId).Select(g => new ProgrammeCount(g.Key, g.Sum(t => t.Count)))];
        }
        else
        {
            var attendances = Attendances(context);
            results = [.. (await attendances
                .Where(e => e.Result != null)
                .GroupBy(e => new { e.Class!.ProgrammeId, e.Result!.GradeName, e.Result.Completed })
                .Select(g => new { g.Key.ProgrammeId, g.Key.GradeName, g.Key.Completed, Count = g.Count() })
                .ToListAsync(cancellationToken))
                .Select(r => new ResultCount(r.ProgrammeId, r.GradeName, r.Completed, r.Count))];
            trainees = await TraineesByProgrammeAsync(context, cancellationToken);
        }

        // The register's year is the year of issue, give or take a decision signed across New Year:
        // asking for the centre(s) and those years lets the (CentreId, Year, SerialNumber) index find
        // the period's certificates instead of reading the whole register.
        var (from, to) = (context.Period.From, context.Period.To);
        var (firstYear, lastYear) = (from.Year - 1, to.Year + 1);
        var centreIds = context.CentreId is { } centreId
            ? [centreId]
            : await db.TrainingCentres.AsNoTracking().Select(c => c.Id).ToListAsync(cancellationToken);
        List<CertificateCount> certificates;
        if (context.Units is null)
        {
            // Without a unit filter, from the certificate tallies (ADR-016): the same conditions on a few
            // rows per class and day, instead of every certificate joined to its enrolment for the class.
            var tallies = db.CertificateTallies.AsNoTracking()
                .Where(t => t.Certificates > 0 && t.IssueDate >= from && t.IssueDate <= to
                    && centreIds.Contains(t.CentreId) && t.Year >= firstYear && t.Year <= lastYear);
            if (context.ProgrammeId is { } programmeId)
            {
                tallies = tallies.Where(t => t.Class!.ProgrammeId == programmeId);
            }

            certificates = [.. (await tallies
                .GroupBy(t => new { t.Class!.ProgrammeId, t.Status, t.Reissue })
                .Select(g => new { g.Key.ProgrammeId, g.Key.Status, g.Key.Reissue, Count = g.Sum(t => t.Certificates) })
                .ToListAsync(cancellationToken))
                .Select(c => new CertificateCount(c.ProgrammeId, c.Status, c.Reissue, c.Count))];
        }
        else
        {
            var units = context.Units;
            var certificateQuery = db.Certificates.AsNoTracking()
                .Where(c => centreIds.Contains(c.CentreId) && c.Year >= firstYear && c.Year <= lastYear && c.IssueDate >= from && c.IssueDate <= to)
                .Where(c => c.Enrolment!.UnitId != null && units.Contains(c.Enrolment.UnitId.Value));
            if (context.ProgrammeId is { } programmeId)
            {
                certificateQuery = certificateQuery.Where(c => c.Enrolment!.Class!.ProgrammeId == programmeId);
            }

            certificates = [.. (await certificateQuery
                .GroupBy(c => new { c.Enrolment!.Class!.ProgrammeId, c.Status, Reissue = c.ReplacesCertificateId != null })
                .Select(g => new { g.Key.ProgrammeId, g.Key.Status, g.Key.Reissue, Count = g.Count() })
                .ToListAsync(cancellationToken))
                .Select(c => new CertificateCount(c.ProgrammeId, c.Status, c.Reissue, c.Count))];
        }

        // Grades in the order of their bands, best first (Xuất sắc, Giỏi, Khá, Trung bình); unknown names after.
        var gradeNames = results.Where(r => r.Completed != false && r.GradeName is not null).Select(r => r.GradeName!).Distinct().ToList();
        // (The catalogue's bands, a handful per programme; SQLite cannot take MAX of a decimal.)
        var bands = await db.GradeBands.AsNoTracking().Where(b => gradeNames.Contains(b.Name))
            .Select(b => new { b.Name, b.MinScore })
            .ToListAsync(cancellationToken);
        var grades = gradeNames
            .OrderByDescending(n => bands.Where(b => b.Name == n).Select(b => (decimal?)b.MinScore).Max() ?? -1m)
            .ThenBy(n => UnitDirectory.SortKey(n), StringComparer.Ordinal)
            .ToList();

        var programmeIds = trainees.Select(t => t.ProgrammeId).Concat(certificates.Select(c => c.ProgrammeId));
        var programmes = await ProgrammesAsync(programmeIds, cancellationToken);
        var rows = programmes
            .Where(p => trainees.Any(t => t.ProgrammeId == p.Id))
            .Select(p =>
            {
                var mine = results.Where(r => r.ProgrammeId == p.Id).ToList();
                var counts = grades.Select(g => mine.Where(r => r.Completed != false && r.GradeName == g).Sum(r => r.Count)).ToList();
                var ungraded = mine.Where(r => r.Completed == true && r.GradeName is null).Sum(r => r.Count);
                var notCompleted = mine.Where(r => r.Completed == false).Sum(r => r.Count);
                var all = trainees.FirstOrDefault(t => t.ProgrammeId == p.Id)?.Count ?? 0;
                return new GradeRow(p.Id, p.Name, counts, ungraded, notCompleted, all - counts.Sum() - ungraded - notCompleted, all);
            })
            .ToList();
        var total = new GradeRow(null, ExcelTotals, [.. grades.Select((_, i) => rows.Sum(r => r.GradeCounts[i]))],
            rows.Sum(r => r.CompletedUngraded), rows.Sum(r => r.NotCompleted), rows.Sum(r => r.NoResult), rows.Sum(r => r.Trainees));

        var certificateRows = programmes
            .Where(p => certificates.Any(c => c.ProgrammeId == p.Id))
            .Select(p =>
            {
                var mine = certificates.Where(c => c.ProgrammeId == p.Id).ToList();
                return new CertificateRow(p.Id, p.Name, mine.Sum(c => c.Count), mine.Where(c => c.Reissue).Sum(c => c.Count),
                    mine.Where(c => c.Status == CertificateStatus.Valid).Sum(c => c.Count),
                    mine.Where(c => c.Status == CertificateStatus.Superseded).Sum(c => c.Count),
                    mine.Where(c => c.Status == CertificateStatus.Revoked).Sum(c => c.Count));
            })
            .ToList();
        var certificateTotal = new CertificateRow(null, ExcelTotals, certificateRows.Sum(r => r.Issued), certificateRows.Sum(r => r.Reissued),
            certificateRows.Sum(r => r.Valid), certificateRows.Sum(r => r.Superseded), certificateRows.Sum(r => r.Revoked));
        return new GradeReport(context.Heading, grades, rows, total, certificateRows, certificateTotal);
    }

    /// <summary>
    /// Each unit served by the centre (today's units, and any unit with trainees in the period), with
    /// its planned trainees (unit lines of the plan) and its trainee-attendances under today's units.
    /// </summary>
    private async Task<IReadOnlyList<UnitPlanRow>> UnitPlansAsync(ReportContext context, UnitReport byUnit, CancellationToken cancellationToken)
    {
        var years = context.Period.PlanYears;
        var plans = db.AnnualPlans.AsNoTracking().Where(p => p.UnitId != null && years.Contains(p.Year));
        if (context.CentreId is { } centreId)
        {
            plans = plans.Where(p => p.CentreId == centreId);
        }

        if (context.ProgrammeId is { } programmeId)
        {
            plans = plans.Where(p => p.ProgrammeId == programmeId);
        }

        if (context.Units is { } units)
        {
            plans = plans.Where(p => units.Contains(p.UnitId!.Value));
        }

        var planned = await plans.GroupBy(p => p.UnitId!.Value)
            .Select(g => new { UnitId = g.Key, Trainees = g.Sum(p => p.PlannedTrainees) })
            .ToListAsync(cancellationToken);

        var directory = context.Directory;
        var today = clock.VietnamToday();
        var served = context.Units is null && context.CentreId is { } centre
            ? (await ServedUnitIdsAsync(centre, cancellationToken)).Where(id => directory.Get(id) is { } u && (u.ValidTo is null || u.ValidTo >= today))
            : [];
        int Current(int id) => directory.CurrentSuccessor(id) ?? id;
        var ids = served
            .Concat(planned.Select(p => Current(p.UnitId)))
            .Concat(byUnit.CurrentUnits.Where(r => r.UnitId is not null).Select(r => r.UnitId!.Value))
            .Distinct();
        var rows = ids
            .Select(id =>
            {
                var plan = planned.Where(p => Current(p.UnitId) == id).ToList();
                return new UnitPlanRow(id, directory.Name(id), plan.Count == 0 ? null : plan.Sum(p => p.Trainees),
                    byUnit.CurrentUnits.FirstOrDefault(r => r.UnitId == id)?.Total ?? 0);
            })
            .OrderBy(r => UnitDirectory.SortKey(r.Name), StringComparer.Ordinal)
            .ToList();

        // Trainees sent by no known unit, last, as in the by-unit report: without them the bars would not add up to the total.
        if (byUnit.CurrentUnits.FirstOrDefault(r => r.UnitId is null) is { Total: > 0 } unknown)
        {
            rows.Add(new UnitPlanRow(null, unknown.UnitName, null, unknown.Total));
        }

        return rows;
    }

    private sealed record PlanTotal(int Year, int ProgrammeId, int Classes, int Trainees);

    /// <summary>
    /// The plan per year and programme, summed over centres: per centre, the centre-wide line, or the
    /// sum of the unit lines where there is none; with a unit filter, the unit lines only.
    /// </summary>
    private async Task<List<PlanTotal>> PlanTotalsAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var years = context.Period.PlanYears;
        var plans = db.AnnualPlans.AsNoTracking().Where(p => years.Contains(p.Year));
        if (context.CentreId is { } centreId)
        {
            plans = plans.Where(p => p.CentreId == centreId);
        }

        if (context.ProgrammeId is { } programmeId)
        {
            plans = plans.Where(p => p.ProgrammeId == programmeId);
        }

        if (context.Units is { } units)
        {
            plans = plans.Where(p => p.UnitId != null && units.Contains(p.UnitId.Value));
        }

        var grouped = await plans
            .GroupBy(p => new { p.CentreId, p.Year, p.ProgrammeId })
            .Select(g => new
            {
                g.Key.Year,
                g.Key.ProgrammeId,
                CentreLines = g.Count(p => p.UnitId == null),
                CentreClasses = g.Sum(p => p.UnitId == null ? p.PlannedClasses : 0),
                CentreTrainees = g.Sum(p => p.UnitId == null ? p.PlannedTrainees : 0),
                UnitClasses = g.Sum(p => p.UnitId != null ? p.PlannedClasses : 0),
                UnitTrainees = g.Sum(p => p.UnitId != null ? p.PlannedTrainees : 0),
            })
            .ToListAsync(cancellationToken);
        return grouped
            .Select(g => g.CentreLines > 0
                ? new PlanTotal(g.Year, g.ProgrammeId, g.CentreClasses, g.CentreTrainees)
                : new PlanTotal(g.Year, g.ProgrammeId, g.UnitClasses, g.UnitTrainees))
            .ToList();
    }

    private sealed record ResultCount(int ProgrammeId, string? GradeName, bool? Completed, int Count);

    private sealed record ProgrammeCount(int ProgrammeId, int Count);

    private sealed record CertificateCount(int ProgrammeId, CertificateStatus Status, bool Reissue, int Count);

    /// <summary>
    /// Trainee-attendances per programme. Without a unit filter, summed from the held classes' tallies
    /// (ADR-016: a few rows per class instead of every enrolment); with one, counted from the enrolments,
    /// which alone know the unit each came from.
    /// </summary>
    private async Task<List<ProgrammeCount>> TraineesByProgrammeAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var counts = context.Units is null
            ? await HeldClasses(context)
                .Join(ActiveTallies(), c => c.Id, t => t.ClassId, (c, t) => new { c.ProgrammeId, t.Trainees })
                .GroupBy(x => x.ProgrammeId)
                .Select(g => new { ProgrammeId = g.Key, Count = g.Sum(x => x.Trainees) })
                .ToListAsync(cancellationToken)
            : await Attendances(context)
                .GroupBy(e => e.Class!.ProgrammeId)
                .Select(g => new { ProgrammeId = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
        return [.. counts.Select(c => new ProgrammeCount(c.ProgrammeId, c.Count))];
    }

    /// <summary>The tallies that count someone: rows left at zero by withdrawals and changed results are kept.</summary>
    private IQueryable<ClassTally> ActiveTallies() => db.ClassTallies.AsNoTracking().Where(t => t.Trainees > 0);

    private IQueryable<TrainingClass> HeldClasses(ReportContext context)
    {
        var (from, to) = (context.Period.From, context.Period.To);
        var query = db.TrainingClasses.AsNoTracking()
            .Where(ClassLifecycle.IsHeld)
            .Where(c => c.StartDate >= from && c.StartDate <= to);
        if (context.CentreId is { } centreId)
        {
            query = query.Where(c => c.CentreId == centreId);
        }

        if (context.ProgrammeId is { } programmeId)
        {
            query = query.Where(c => c.ProgrammeId == programmeId);
        }

        if (context.Units is { } units)
        {
            query = query.Where(c => c.Enrolments.Any(e => e.Status == EnrolmentStatus.Active && e.UnitId != null && units.Contains(e.UnitId.Value)));
        }

        return query;
    }

    /// <summary>Trainee-attendances: the active enrolments of held classes (of the unit, with a unit filter).</summary>
    private IQueryable<Enrolment> Attendances(ReportContext context)
    {
        var (from, to) = (context.Period.From, context.Period.To);
        var query = db.Enrolments.AsNoTracking()
            .Where(e => e.Status == EnrolmentStatus.Active
                && (e.Class!.Status == ClassStatus.Open || e.Class.Status == ClassStatus.Finished || e.Class.Status == ClassStatus.Decided) // ClassLifecycle.IsHeld
                && e.Class.StartDate >= from && e.Class.StartDate <= to);
        if (context.CentreId is { } centreId)
        {
            query = query.Where(e => e.Class!.CentreId == centreId);
        }

        if (context.ProgrammeId is { } programmeId)
        {
            query = query.Where(e => e.Class!.ProgrammeId == programmeId);
        }

        if (context.Units is { } units)
        {
            query = query.Where(e => e.UnitId != null && units.Contains(e.UnitId.Value));
        }

        return query;
    }

    // ------------------------------------------------------------------ scope

    private const string ExcelTotals = "Tổng cộng";
    private const string UnknownUnit = "(Không rõ đơn vị)";

    /// <summary>
    /// The period, centre and units a request may see. Refuses (<see cref="ReportAccessException"/>) a
    /// liaison asking for a unit that is not theirs, and anyone but the provincial office asking for
    /// another centre.
    /// </summary>
    private sealed record ReportContext(
        ReportPeriod Period,
        int? CentreId,
        int? ProgrammeId,
        IReadOnlyList<int>? Units,
        IReadOnlyList<int>? ServedUnits,
        UnitDirectory Directory,
        ReportHeading Heading);

    private async Task<ReportContext> ResolveAsync(ReportFilter filter, CancellationToken cancellationToken)
    {
        var period = ReportPeriod.Resolve(filter, clock.VietnamToday());
        int? centreId;
        if (scope.AllCentres)
        {
            centreId = filter.CentreId;
        }
        else
        {
            centreId = scope.CentreId ?? throw new ReportAccessException("Tài khoản này không thuộc trung tâm nào nên không xem được báo cáo.");
            if (filter.CentreId is { } asked && asked != centreId)
            {
                throw new ReportAccessException("Bạn chỉ xem được báo cáo của trung tâm mình.");
            }
        }

        var directory = await UnitDirectory.LoadAsync(db, cancellationToken);
        var unitId = filter.UnitId;
        if (scope.UnitId is { } own)
        {
            if (unitId is { } asked && asked != own && !directory.Closure(own).Contains(asked))
            {
                throw new ReportAccessException("Bạn chỉ xem được số liệu của đơn vị mình.");
            }

            unitId ??= own;
        }

        if (unitId is { } u && !directory.Exists(u))
        {
            throw new DomainException("Không tìm thấy đơn vị đã chọn.");
        }

        string? programmeName = null;
        if (filter.ProgrammeId is { } programmeId)
        {
            programmeName = await db.Programmes.AsNoTracking().Where(p => p.Id == programmeId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("Không tìm thấy chương trình đã chọn.");
        }

        var centre = centreId is { } c
            ? await db.TrainingCentres.AsNoTracking().Where(x => x.Id == c).Select(x => new { x.Name, x.ParentBodyName, x.PlaceName }).FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("Không tìm thấy trung tâm đã chọn.")
            : null;
        IReadOnlyList<string> issuingBody = centre is null
            ? ["CÁC TRUNG TÂM CHÍNH TRỊ"]
            : Organisation.TrainingCentre.IssuingBodyLines(centre.ParentBodyName, centre.Name);
        var placeAndDate = centre?.PlaceName is { Length: > 0 } place ? Certificates.CertificateRules.PlaceAndDate(place, clock.VietnamToday()) : null;

        var servedUnits = centreId is { } served ? await ServedUnitIdsAsync(served, cancellationToken) : [];
        var heading = new ReportHeading(issuingBody, placeAndDate, period, centre?.Name, unitId is { } n ? directory.Name(n) : null, programmeName);
        return new ReportContext(
            period,
            centreId,
            filter.ProgrammeId,
            unitId is { } id ? directory.Closure(id) : null,
            servedUnits.Count == 0 ? null : [.. servedUnits.SelectMany(directory.Closure).Distinct()],
            directory,
            heading);
    }

    /// <summary>The units a centre serves or served (any period); every centre's with null.</summary>
    private async Task<List<int>> ServedUnitIdsAsync(int? centreId, CancellationToken cancellationToken)
    {
        var query = db.CentreServedUnits.AsNoTracking();
        if (centreId is { } id)
        {
            query = query.Where(s => s.CentreId == id);
        }

        return await query.Select(s => s.UnitId).Distinct().ToListAsync(cancellationToken);
    }

    private async Task<List<Choice>> ProgrammesAsync(IEnumerable<int> programmeIds, CancellationToken cancellationToken)
    {
        var ids = programmeIds.Distinct().ToList();
        return await db.Programmes.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id)
            .Select(p => new Choice(p.Id, p.Name)).ToListAsync(cancellationToken);
    }

    private static IEnumerable<int> PredecessorsOf(UnitDirectory directory, int id) =>
        directory.Closure(id).Where(u => u != id && directory.CurrentSuccessor(u) is not null);

    /// <summary>A unit's name; one merged since says where it belongs today: "Xã Cát Hanh (nay thuộc Xã Hòa Hội)".</summary>
    private static string UnitLabel(UnitDirectory directory, int? unitId) =>
        unitId is not { } id ? UnknownUnit
        : directory.CurrentSuccessor(id) is { } successor ? $"{directory.Name(id)} (nay thuộc {directory.Name(successor)})"
        : directory.Name(id);
}
