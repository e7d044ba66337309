using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Plans;

/// <summary>
/// The annual plan (kế hoạch năm): per centre, year and programme, the planned classes and trainees,
/// optionally split by served unit. Staff of the centre edit it in one grid; readers see it; the
/// provincial office picks a centre.
/// </summary>
/// <remarks>
/// The programme's plan is its centre-wide line; unit lines break it down. A programme planned only
/// by units has the sum of its unit lines as its plan (see <c>ReportService</c>).
/// </remarks>
public sealed class PlanService(AppDbContext db, IUserScope scope)
{
    public const int MaxClasses = 1_000;
    public const int MaxTrainees = 100_000;

    /// <summary>
    /// The grid of <paramref name="year"/>: every active programme (and any programme already planned),
    /// with a row per served unit when <paramref name="showUnits"/> is set or the year has unit lines.
    /// </summary>
    public async Task<PlanGrid> GetGridAsync(int year, bool showUnits, int? centreId = null, CancellationToken cancellationToken = default)
    {
        CheckYear(year);
        var centre = await ReadableCentreAsync(centreId, cancellationToken);
        var lines = await db.AnnualPlans.AsNoTracking().Where(p => p.CentreId == centre.Id && p.Year == year).ToListAsync(cancellationToken);
        var planned = lines.Select(l => l.ProgrammeId).ToHashSet();
        var programmes = await db.Programmes.AsNoTracking()
            .Where(p => p.IsActive || planned.Contains(p.Id))
            .OrderBy(p => p.DisplayOrder).ThenBy(p => p.Id)
            .Select(p => new Choice(p.Id, p.Name))
            .ToListAsync(cancellationToken);

        var servedUnits = await ServedUnitsAsync(centre.Id, year, cancellationToken);
        var lineUnits = lines.Where(l => l.UnitId is not null).Select(l => l.UnitId!.Value).Distinct().ToList();
        showUnits |= lineUnits.Count > 0;
        var unitRows = new List<Choice>();
        if (showUnits)
        {
            var missing = lineUnits.Except(servedUnits.Select(u => u.Id)).ToList();
            var extra = await db.OrganisationUnits.AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new Choice(u.Id, u.Name)).ToListAsync(cancellationToken);
            unitRows = [.. servedUnits.Concat(extra).OrderBy(u => UnitDirectory.SortKey(u.Name), StringComparer.Ordinal)];
        }

        var rows = new List<PlanGridRow>();
        foreach (var programme in programmes)
        {
            rows.Add(Row(programme, null, lines));
            rows.AddRange(unitRows.Select(unit => Row(programme, unit, lines)));
        }

        var previous = await db.AnnualPlans.AnyAsync(p => p.CentreId == centre.Id && p.Year == year - 1, cancellationToken);
        var centres = scope.AllCentres
            ? await db.TrainingCentres.AsNoTracking().OrderBy(c => c.Name).Select(c => new Choice(c.Id, c.Name)).ToListAsync(cancellationToken)
            : [];
        return new PlanGrid(centre.Id, centre.Name, year, showUnits, CanEdit(centre.Id), lines.Count > 0, previous, servedUnits.Count > 0, rows, centres);
    }

    /// <summary>
    /// Saves the grid of <paramref name="year"/>: a line typed in is added or changed, a line emptied is
    /// removed. Refuses the whole grid, keeping nothing, when someone else saved a line in the meantime
    /// (<see cref="PlanConflictException"/>) or a number is out of range.
    /// </summary>
    /// <returns>The number of lines added, changed or removed.</returns>
    public async Task<int> SaveAsync(int year, IReadOnlyList<PlanLineInput> input, CancellationToken cancellationToken = default)
    {
        CheckYear(year);
        var centreId = RequireEditor();
        Validate(input);
        var programmeIds = input.Select(l => l.ProgrammeId).Distinct().ToList();
        var unitIds = input.Where(l => l.UnitId is not null).Select(l => l.UnitId!.Value).Distinct().ToList();
        var knownProgrammes = await db.Programmes.Where(p => programmeIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        var knownUnits = await db.OrganisationUnits.Where(u => unitIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        if (knownProgrammes.Count != programmeIds.Count || knownUnits.Count != unitIds.Count)
        {
            throw new DomainException("Bảng kế hoạch có chương trình hoặc đơn vị không còn tồn tại. Vui lòng tải lại trang.");
        }

        var current = await db.AnnualPlans.Where(p => p.CentreId == centreId && p.Year == year).ToListAsync(cancellationToken);
        var conflicts = await ConflictsAsync(year, input, current, cancellationToken);
        if (conflicts is not null)
        {
            throw conflicts;
        }

        var changed = 0;
        foreach (var line in input)
        {
            var existing = current.FirstOrDefault(p => p.ProgrammeId == line.ProgrammeId && p.UnitId == line.UnitId);
            if (existing is null)
            {
                if (!line.IsBlank)
                {
                    db.AnnualPlans.Add(new AnnualPlan
                    {
                        CentreId = centreId, Year = year, ProgrammeId = line.ProgrammeId, UnitId = line.UnitId,
                        PlannedClasses = line.PlannedClasses ?? 0, PlannedTrainees = line.PlannedTrainees ?? 0, Note = Note(line.Note),
                    });
                    changed++;
                }

                continue;
            }

            // The save succeeds only if nobody saved this line since the grid was opened.
            db.Entry(existing).Property(p => p.Version).OriginalValue = line.Version!.Value;
            if (line.IsBlank)
            {
                db.AnnualPlans.Remove(existing);
                changed++;
            }
            else if (existing.PlannedClasses != (line.PlannedClasses ?? 0) || existing.PlannedTrainees != (line.PlannedTrainees ?? 0) || existing.Note != Note(line.Note))
            {
                existing.PlannedClasses = line.PlannedClasses ?? 0;
                existing.PlannedTrainees = line.PlannedTrainees ?? 0;
                existing.Note = Note(line.Note);
                changed++;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || (ex is DbUpdateException u && u.IsUniqueViolation()))
        {
            // Someone saved between the check above and this save.
            db.ChangeTracker.Clear();
            var now = await db.AnnualPlans.AsNoTracking().Where(p => p.CentreId == centreId && p.Year == year).ToListAsync(cancellationToken);
            throw await ConflictsAsync(year, input, now, cancellationToken)
                ?? new PlanConflictException(ConflictMessage(year, []), Versions(now));
        }

        return changed;
    }

    /// <summary>
    /// Copies last year's plan into <paramref name="year"/>, which must have no plan yet. Lines of units
    /// merged since then go to the unit they were merged into (added together when several were).
    /// </summary>
    /// <returns>The number of lines created.</returns>
    public async Task<int> CopyFromPreviousYearAsync(int year, CancellationToken cancellationToken = default)
    {
        CheckYear(year);
        var centreId = RequireEditor();
        if (await db.AnnualPlans.AnyAsync(p => p.CentreId == centreId && p.Year == year, cancellationToken))
        {
            throw new DomainException($"Năm {year} đã có kế hoạch nên không thể sao chép đè từ năm {year - 1}. Hãy sửa trực tiếp trên bảng kế hoạch.");
        }

        var previous = await db.AnnualPlans.AsNoTracking().Where(p => p.CentreId == centreId && p.Year == year - 1).ToListAsync(cancellationToken);
        if (previous.Count == 0)
        {
            throw new DomainException($"Năm {year - 1} chưa có kế hoạch để sao chép.");
        }

        var units = await UnitDirectory.LoadAsync(db, cancellationToken);
        var firstDay = new DateOnly(year, 1, 1);
        int? UnitInForce(int? unitId) =>
            unitId is { } id && units.Get(id) is { } unit && unit.ValidTo < firstDay && units.CurrentSuccessor(id) is { } successor ? successor : unitId;

        var copied = previous
            .GroupBy(p => (p.ProgrammeId, UnitId: UnitInForce(p.UnitId)))
            .Select(g => new AnnualPlan
            {
                CentreId = centreId, Year = year, ProgrammeId = g.Key.ProgrammeId, UnitId = g.Key.UnitId,
                PlannedClasses = g.Sum(p => p.PlannedClasses), PlannedTrainees = g.Sum(p => p.PlannedTrainees),
                Note = g.Count() == 1 ? g.Single().Note : null,
            })
            .ToList();
        db.AnnualPlans.AddRange(copied);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new DomainException($"Năm {year} vừa được người khác nhập kế hoạch nên không thể sao chép đè.");
        }

        return copied.Count;
    }

    /// <summary>The units the centre serves at some time in the year (those in force that year), or none recorded.</summary>
    private async Task<List<Choice>> ServedUnitsAsync(int centreId, int year, CancellationToken cancellationToken)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return await db.CentreServedUnits.AsNoTracking()
            .Where(s => s.CentreId == centreId
                && (s.ServedFrom == null || s.ServedFrom <= last) && (s.ServedTo == null || s.ServedTo >= first)
                && (s.Unit!.ValidFrom == null || s.Unit.ValidFrom <= last) && (s.Unit.ValidTo == null || s.Unit.ValidTo >= first))
            .Select(s => new Choice(s.UnitId, s.Unit!.Name))
            .ToListAsync(cancellationToken);
    }

    private static PlanGridRow Row(Choice programme, Choice? unit, List<AnnualPlan> lines)
    {
        var line = lines.FirstOrDefault(l => l.ProgrammeId == programme.Id && l.UnitId == unit?.Id);
        return new PlanGridRow(programme.Id, programme.Name, unit?.Id, unit?.Name, line?.Id, line?.Version, line?.PlannedClasses, line?.PlannedTrainees, line?.Note);
    }

    /// <summary>A conflict when a posted line's id or version is not what is saved now; null when there is none.</summary>
    private async Task<PlanConflictException?> ConflictsAsync(int year, IReadOnlyList<PlanLineInput> input, List<AnnualPlan> current, CancellationToken cancellationToken)
    {
        var changed = new List<(PlanLineInput Input, AnnualPlan? Theirs)>();
        foreach (var line in input)
        {
            var theirs = current.FirstOrDefault(p => p.ProgrammeId == line.ProgrammeId && p.UnitId == line.UnitId);
            var same = theirs is null
                ? line.LineId is null || line.IsBlank
                : theirs.Id == line.LineId && theirs.Version == line.Version;
            if (!same)
            {
                changed.Add((line, theirs));
            }
        }

        if (changed.Count == 0)
        {
            return null;
        }

        var programmeIds = changed.Select(c => c.Input.ProgrammeId).Distinct().ToList();
        var unitIds = changed.Where(c => c.Input.UnitId is not null).Select(c => c.Input.UnitId!.Value).Distinct().ToList();
        var programmes = await db.Programmes.AsNoTracking().Where(p => programmeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var units = await db.OrganisationUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var described = changed.Select(c =>
        {
            var where = $"{programmes.GetValueOrDefault(c.Input.ProgrammeId)} ({(c.Input.UnitId is { } u ? units.GetValueOrDefault(u) : "toàn trung tâm")})";
            return c.Theirs is null
                ? $"{where}: đã xóa"
                : $"{where}: {Number(c.Theirs.PlannedClasses)} lớp, {Number(c.Theirs.PlannedTrainees)} học viên";
        }).ToList();
        return new PlanConflictException(ConflictMessage(year, described), Versions(current));
    }

    private static string ConflictMessage(int year, IReadOnlyList<string> described) =>
        $"Kế hoạch năm {year} vừa được người khác cập nhật trong lúc bạn đang sửa."
        + (described.Count == 0 ? "" : " Nội dung người đó đã lưu: " + string.Join("; ", described) + ".")
        + " Nội dung bạn nhập vẫn được giữ trên bảng; kiểm tra lại rồi bấm Lưu để ghi đè.";

    private static List<PlanLineVersion> Versions(IEnumerable<AnnualPlan> lines) =>
        [.. lines.Select(l => new PlanLineVersion(l.ProgrammeId, l.UnitId, l.Id, l.Version))];

    private static void Validate(IReadOnlyList<PlanLineInput> input)
    {
        if (input.GroupBy(l => (l.ProgrammeId, l.UnitId)).Any(g => g.Count() > 1))
        {
            throw new DomainException("Bảng kế hoạch có một dòng bị lặp. Vui lòng tải lại trang.");
        }

        foreach (var line in input)
        {
            if (line.PlannedClasses is < 0 or > MaxClasses)
            {
                throw new DomainException($"Số lớp kế hoạch phải từ 0 đến {Number(MaxClasses)}.");
            }

            if (line.PlannedTrainees is < 0 or > MaxTrainees)
            {
                throw new DomainException($"Số học viên kế hoạch phải từ 0 đến {Number(MaxTrainees)}.");
            }

            if (line.Note is { Length: > 500 })
            {
                throw new DomainException("Ghi chú kế hoạch không được dài quá 500 ký tự.");
            }

            if (!line.IsBlank && line.LineId is not null && line.Version is null)
            {
                throw new DomainException("Bảng kế hoạch thiếu thông tin phiên bản. Vui lòng tải lại trang.");
            }
        }
    }

    private async Task<(int Id, string Name)> ReadableCentreAsync(int? centreId, CancellationToken cancellationToken)
    {
        int id;
        if (scope.AllCentres)
        {
            id = centreId
                ?? await db.TrainingCentres.OrderBy(c => c.Name).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("Chưa có trung tâm nào.");
        }
        else
        {
            id = scope.RequireCentre();
            if (centreId is { } asked && asked != id)
            {
                throw new DomainException("Bạn chỉ xem được kế hoạch của trung tâm mình.");
            }
        }

        var name = await db.TrainingCentres.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("Không tìm thấy trung tâm.");
        return (id, name);
    }

    private bool CanEdit(int centreId) => scope.CanEdit && scope.CentreId == centreId;

    private int RequireEditor()
    {
        if (!scope.CanEdit)
        {
            throw new DomainException("Tài khoản của bạn chỉ được xem, không được thay đổi kế hoạch.");
        }

        return scope.RequireCentre();
    }

    private static void CheckYear(int year)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainException("Năm kế hoạch phải từ 2000 đến 2100.");
        }
    }

    private static string? Note(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Clean(text);

    private static string Number(int value) => value.ToString("N0", VietnameseText.Culture);

}
