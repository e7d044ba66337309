using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Common;

/// <summary>One page of a list, with what a pager needs.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public bool HasPrevious => Page > 1;

    public bool HasNext => Page < PageCount;

    /// <summary>
    /// Counts and fetches one page in the database; <paramref name="query"/> must already be ordered.
    /// <paramref name="knownTotal"/>: the count, when the caller already has it exactly (from an index).
    /// </summary>
    public static async Task<PagedList<T>> CreateAsync(IQueryable<T> query, int page, int pageSize, CancellationToken cancellationToken = default, int? knownTotal = null)
    {
        pageSize = Math.Clamp(pageSize, 1, 500);
        var total = knownTotal ?? await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pageCount);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedList<T>(items, page, pageSize, total);
    }
}
