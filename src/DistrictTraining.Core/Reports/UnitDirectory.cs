using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Reports;

/// <summary>
/// Every organisational unit's name and links, read once per request (a province has a few thousand
/// units; reports look names up and follow merges without a query per unit).
/// </summary>
internal sealed class UnitDirectory
{
    private readonly Dictionary<int, Entry> _units;
    private readonly ILookup<int, int> _children;
    private readonly ILookup<int, int> _predecessors;

    private UnitDirectory(List<Entry> units)
    {
        _units = units.ToDictionary(u => u.Id);
        _children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.Id);
        _predecessors = units.Where(u => u.SucceededById is not null).ToLookup(u => u.SucceededById!.Value, u => u.Id);
    }

    public sealed record Entry(int Id, string Name, int? ParentId, int? SucceededById, DateOnly? ValidFrom, DateOnly? ValidTo);

    public static async Task<UnitDirectory> LoadAsync(AppDbContext db, CancellationToken cancellationToken) =>
        new(await db.OrganisationUnits.AsNoTracking()
            .Select(u => new Entry(u.Id, u.Name, u.ParentId, u.SucceededById, u.ValidFrom, u.ValidTo))
            .ToListAsync(cancellationToken));

    public bool Exists(int id) => _units.ContainsKey(id);

    public string Name(int id) => _units.TryGetValue(id, out var unit) ? unit.Name : $"#{id}";

    public Entry? Get(int id) => _units.GetValueOrDefault(id);

    /// <summary>
    /// The unit a merged unit's records are totalled under today: the end of its chain of successors
    /// (a commune merged in 2025 into one that is merged again later ends at the last). Null when the
    /// unit was never merged.
    /// </summary>
    public int? CurrentSuccessor(int id)
    {
        var seen = new HashSet<int> { id };
        int? last = null;
        for (var next = _units.GetValueOrDefault(id)?.SucceededById; next is { } n && _units.ContainsKey(n) && seen.Add(n); next = _units[n].SucceededById)
        {
            last = n;
        }

        return last;
    }

    /// <summary>
    /// The units whose records belong to <paramref name="id"/>: itself, the units merged into it (so a
    /// new commune finds its old communes' ten years), and everything under any of them (Party cells
    /// of a commune's Party committee).
    /// </summary>
    public IReadOnlyList<int> Closure(int id)
    {
        var result = new HashSet<int>();
        var pending = new Stack<int>();
        pending.Push(id);
        while (pending.Count > 0)
        {
            var unit = pending.Pop();
            if (!result.Add(unit))
            {
                continue;
            }

            foreach (var child in _children[unit])
            {
                pending.Push(child);
            }

            foreach (var predecessor in _predecessors[unit])
            {
                pending.Push(predecessor);
            }
        }

        return [.. result.Order()];
    }

    /// <summary>Vietnamese dictionary order of unit names.</summary>
    public static string SortKey(string name) => VietnameseText.SortKey(name) + "|" + name;
}
