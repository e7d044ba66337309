using System.Globalization;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Organisation;

/// <summary>A unit in tree order. <see cref="Depth"/> counts the shown ancestors; <see cref="IsValid"/> is on the day asked for.</summary>
public sealed record UnitNode(
    int Id,
    string? Code,
    string Name,
    UnitKind Kind,
    int? ParentId,
    string? ParentName,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    int? SuccessorId,
    string? SuccessorName,
    int Depth,
    bool IsValid);

/// <summary>A unit as its edit form shows it; <see cref="Id"/> null for a new unit.</summary>
public sealed record UnitEdit(int? Id, string? Code, string Name, UnitKind Kind, int? ParentId, DateOnly? ValidFrom, DateOnly? ValidTo);

/// <summary>A successor to create during a merge; it is in force from the day after the merged units' last day.</summary>
public sealed record NewUnit(string Name, string? Code, UnitKind Kind, int? ParentId);

/// <summary>
/// Merge <see cref="UnitIds"/> into an existing unit (<see cref="SuccessorId"/>) or a new one (<see cref="NewSuccessor"/>),
/// <see cref="LastDay"/> being their last day. With <see cref="MoveChildren"/>, units under them that outlive the
/// merge move under the successor; off by default, because a unit has one parent for all time and moving it
/// makes its past count under the successor too.
/// </summary>
public sealed record MergeRequest(IReadOnlyList<int> UnitIds, int? SuccessorId, NewUnit? NewSuccessor, DateOnly LastDay, bool MoveChildren = false);

public sealed record MergeResult(int SuccessorId, string SuccessorName, int MergedCount, int MovedChildren, int CentresUpdated);

/// <summary>
/// The organisational tree: provinces, districts, communes and wards, agencies, Party organisations.
/// Units are never deleted; a unit that ends keeps its name, its dates and a pointer to its successor.
/// </summary>
public sealed class OrganisationUnitService(AppDbContext db)
{
    private static readonly CompareInfo Compare = VietnameseText.Culture.CompareInfo;

    /// <summary>
    /// The units in force on <paramref name="day"/> as a tree (or every unit with <paramref name="all"/>,
    /// those not in force flagged). A unit whose parent is hidden hangs under its nearest shown ancestor.
    /// </summary>
    public async Task<IReadOnlyList<UnitNode>> TreeAsync(DateOnly day, bool all = false, CancellationToken cancellationToken = default)
    {
        var units = await db.OrganisationUnits.AsNoTracking()
            .Select(u => new { u.Id, u.Code, u.Name, u.Kind, u.ParentId, u.ValidFrom, u.ValidTo, u.SucceededById })
            .ToListAsync(cancellationToken);
        var byId = units.ToDictionary(u => u.Id);
        bool ValidOn(int id) => byId[id] is var u && (u.ValidFrom is null || u.ValidFrom <= day) && (u.ValidTo is null || day <= u.ValidTo);
        var shown = units.Where(u => all || ValidOn(u.Id)).Select(u => u.Id).ToHashSet();

        int? ShownParent(int id)
        {
            var guard = new HashSet<int> { id };
            for (var parent = byId[id].ParentId; parent is { } p && byId.ContainsKey(p) && guard.Add(p); parent = byId[p].ParentId)
            {
                if (shown.Contains(p))
                {
                    return p;
                }
            }

            return null;
        }

        var children = shown.GroupBy(ShownParent).ToDictionary(g => g.Key ?? 0, g => g
            .OrderBy(id => byId[id].Kind)
            .ThenBy(id => byId[id].Name, Comparer<string>.Create((a, b) => Compare.Compare(a, b, CompareOptions.IgnoreCase | CompareOptions.NumericOrdering)))
            .ToList());

        var result = new List<UnitNode>(shown.Count);
        var placed = new HashSet<int>();
        void Walk(int parentKey, int depth)
        {
            foreach (var id in children.GetValueOrDefault(parentKey) ?? [])
            {
                if (!placed.Add(id))
                {
                    continue;
                }

                var u = byId[id];
                result.Add(new UnitNode(
                    u.Id, u.Code, u.Name, u.Kind, u.ParentId, u.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent.Name : null,
                    u.ValidFrom, u.ValidTo, u.SucceededById, u.SucceededById is { } s && byId.TryGetValue(s, out var successor) ? successor.Name : null,
                    depth, ValidOn(id)));
                Walk(id, depth + 1);
            }
        }

        Walk(0, 0);
        return result;
    }

    public async Task<UnitNode?> GetAsync(int id, CancellationToken cancellationToken = default) =>
        await db.OrganisationUnits.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new UnitNode(u.Id, u.Code, u.Name, u.Kind, u.ParentId, u.Parent == null ? null : u.Parent.Name, u.ValidFrom, u.ValidTo,
                u.SucceededById, u.SucceededBy == null ? null : u.SucceededBy.Name, 0, true))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Creates or changes a unit. Refuses a parent below the unit itself and a code another unit uses at the same time.</summary>
    public async Task<int> SaveAsync(UnitEdit edit, CancellationToken cancellationToken = default)
    {
        var name = VietnameseText.Clean(edit.Name);
        var code = string.IsNullOrWhiteSpace(edit.Code) ? null : VietnameseText.Clean(edit.Code);
        if (name.Length == 0)
        {
            throw new DomainException("Vui lòng nhập tên đơn vị.");
        }

        if (edit.ValidFrom > edit.ValidTo)
        {
            throw new DomainException("Ngày bắt đầu hiệu lực phải trước ngày hết hiệu lực.");
        }

        OrganisationUnit unit;
        if (edit.Id is { } id)
        {
            unit = await db.OrganisationUnits.FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
                ?? throw new DomainException("Không tìm thấy đơn vị.");
        }
        else
        {
            unit = new OrganisationUnit();
            db.OrganisationUnits.Add(unit);
        }

        if (edit.ParentId is { } parentId)
        {
            await CheckParentAsync(edit.Id, parentId, cancellationToken);
        }

        await CheckCodeAsync(code, edit.Id, edit.ValidFrom, edit.ValidTo, cancellationToken);
        unit.Name = name;
        unit.Code = code;
        unit.Kind = edit.Kind;
        unit.ParentId = edit.ParentId;
        unit.ValidFrom = edit.ValidFrom;
        unit.ValidTo = edit.ValidTo;
        await db.SaveChangesAsync(cancellationToken);
        return unit.Id;
    }

    /// <summary>
    /// Ends each chosen unit on <see cref="MergeRequest.LastDay"/> and points it to its successor, all in one save.
    /// Centres that served a merged unit serve the successor from the next day on.
    /// </summary>
    public async Task<MergeResult> MergeAsync(MergeRequest request, CancellationToken cancellationToken = default)
    {
        var ids = request.UnitIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new DomainException("Vui lòng chọn ít nhất một đơn vị để sáp nhập.");
        }

        if ((request.SuccessorId is null) == (request.NewSuccessor is null))
        {
            throw new DomainException("Vui lòng chọn một đơn vị kế thừa đã có, hoặc nhập tên đơn vị kế thừa mới (chỉ một trong hai).");
        }

        var firstDay = request.LastDay.AddDays(1);
        var merged = await db.OrganisationUnits.Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        if (merged.Count != ids.Count)
        {
            throw new DomainException("Không tìm thấy một số đơn vị đã chọn.");
        }

        foreach (var unit in merged.OrderBy(u => u.Name, StringComparer.Ordinal))
        {
            if (unit.SucceededById is not null)
            {
                var successorName = await db.OrganisationUnits.Where(u => u.Id == unit.SucceededById).Select(u => u.Name).FirstAsync(cancellationToken);
                throw new DomainException($"{unit.Name} đã được sáp nhập vào {successorName}.");
            }

            if (unit.ValidTo is { } end && end < request.LastDay)
            {
                throw new DomainException($"{unit.Name} đã hết hiệu lực sau ngày {Day(end)}.");
            }

            if (unit.ValidFrom is { } start && start > request.LastDay)
            {
                throw new DomainException($"Ngày cuối cùng phải từ ngày {unit.Name} bắt đầu hiệu lực ({Day(start)}) trở đi.");
            }
        }

        OrganisationUnit successor;
        if (request.SuccessorId is { } successorId)
        {
            if (ids.Contains(successorId))
            {
                throw new DomainException("Đơn vị kế thừa không được nằm trong số đơn vị bị sáp nhập.");
            }

            successor = await db.OrganisationUnits.FirstOrDefaultAsync(u => u.Id == successorId, cancellationToken)
                ?? throw new DomainException("Không tìm thấy đơn vị kế thừa.");
            if (!successor.IsValidOn(firstDay))
            {
                throw new DomainException($"{successor.Name} không có hiệu lực vào ngày {Day(firstDay)}, nên không thể kế thừa.");
            }
        }
        else
        {
            var fresh = request.NewSuccessor!;
            var name = VietnameseText.Clean(fresh.Name);
            if (name.Length == 0)
            {
                throw new DomainException("Vui lòng nhập tên đơn vị kế thừa mới.");
            }

            var code = string.IsNullOrWhiteSpace(fresh.Code) ? null : VietnameseText.Clean(fresh.Code);
            if (fresh.ParentId is { } parentId)
            {
                if (ids.Contains(parentId))
                {
                    throw new DomainException("Đơn vị cấp trên của đơn vị mới không được là đơn vị bị sáp nhập.");
                }

                await CheckParentAsync(null, parentId, cancellationToken);
            }

            await CheckCodeAsync(code, null, firstDay, null, cancellationToken);
            successor = new OrganisationUnit { Name = name, Code = code, Kind = fresh.Kind, ParentId = fresh.ParentId, ValidFrom = firstDay };
            db.OrganisationUnits.Add(successor);
        }

        foreach (var unit in merged)
        {
            unit.MergeInto(successor, request.LastDay);
        }

        var moved = 0;
        if (request.MoveChildren)
        {
            var children = await db.OrganisationUnits
                .Where(u => u.ParentId != null && ids.Contains(u.ParentId.Value) && !ids.Contains(u.Id) && (u.ValidTo == null || u.ValidTo > request.LastDay))
                .ToListAsync(cancellationToken);
            foreach (var child in children)
            {
                child.Parent = successor;
            }

            moved = children.Count;
        }

        var served = await db.CentreServedUnits
            .Where(s => ids.Contains(s.UnitId) && (s.ServedTo == null || s.ServedTo > request.LastDay))
            .ToListAsync(cancellationToken);
        var alreadyServing = successor.Id == 0
            ? []
            : await db.CentreServedUnits.Where(s => s.UnitId == successor.Id).Select(s => s.CentreId).ToListAsync(cancellationToken);
        foreach (var row in served)
        {
            row.ServedTo = request.LastDay;
        }

        var centres = served.Select(s => s.CentreId).Distinct().Where(c => !alreadyServing.Contains(c)).ToList();
        foreach (var centreId in centres)
        {
            db.CentreServedUnits.Add(new CentreServedUnit { CentreId = centreId, Unit = successor, ServedFrom = firstDay });
        }

        await db.SaveChangesAsync(cancellationToken);
        return new MergeResult(successor.Id, successor.Name, merged.Count, moved, centres.Count);
    }

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private async Task CheckParentAsync(int? unitId, int parentId, CancellationToken cancellationToken)
    {
        if (parentId == unitId)
        {
            throw new DomainException("Một đơn vị không thể là đơn vị cấp trên của chính nó.");
        }

        var parents = await db.OrganisationUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToDictionaryAsync(u => u.Id, u => u.ParentId, cancellationToken);
        if (!parents.ContainsKey(parentId))
        {
            throw new DomainException("Không tìm thấy đơn vị cấp trên.");
        }

        var seen = new HashSet<int>();
        for (int? current = parentId; current is { } c && seen.Add(c); current = parents.GetValueOrDefault(c))
        {
            if (c == unitId)
            {
                throw new DomainException("Không thể chọn một đơn vị cấp dưới của chính đơn vị này làm đơn vị cấp trên.");
            }
        }
    }

    private async Task CheckCodeAsync(string? code, int? unitId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (code is null)
        {
            return;
        }

        var sameCode = await db.OrganisationUnits.AsNoTracking()
            .Where(u => u.Code == code && u.Id != unitId)
            .Select(u => new { u.Name, u.ValidFrom, u.ValidTo })
            .ToListAsync(cancellationToken);
        var clash = sameCode.FirstOrDefault(u => UnitImportService.Overlaps(u.ValidFrom, u.ValidTo, from, to));
        if (clash is not null)
        {
            throw new DomainException($"Mã {code} đang được dùng cho {clash.Name} trong cùng thời gian hiệu lực.");
        }
    }
}
