using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Data;

/// <summary>
/// How many requests one client made in one window, counted in the database so that every node behind a
/// load balancer shares the budget (the public verification page's limit, ADR-008).
/// </summary>
public class RateLimitCounter
{
    public string Key { get; set; } = string.Empty;

    public DateTime WindowStart { get; set; }

    public int Count { get; set; }

    /// <summary>
    /// Counts one request of <paramref name="key"/> in the window starting at <paramref name="windowStart"/> and
    /// returns the window's count so far. The increment is one UPDATE in the database, so concurrent requests on
    /// any node are all counted; the first request of a window inserts the row (a race for it is retried).
    /// </summary>
    public static async Task<int> HitAsync(AppDbContext db, string key, DateTime windowStart, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var updated = await db.RateLimitCounters.Where(c => c.Key == key && c.WindowStart == windowStart)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + 1), cancellationToken);
            if (updated > 0)
            {
                return await db.RateLimitCounters.Where(c => c.Key == key && c.WindowStart == windowStart).Select(c => c.Count).FirstAsync(cancellationToken);
            }

            db.RateLimitCounters.Add(new RateLimitCounter { Key = key, WindowStart = windowStart, Count = 1 });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                // A new window: forget the windows of more than an hour ago, so the table stays small.
                await db.RateLimitCounters.Where(c => c.WindowStart < windowStart.AddHours(-1)).ExecuteDeleteAsync(cancellationToken);
                return 1;
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < 3)
            {
                db.ChangeTracker.Clear(); // another node inserted the window first: count on its row
            }
        }
    }
}
