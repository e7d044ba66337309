using DistrictTraining.Core.Data;
using DistrictTraining.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Trainees;

/// <summary>
/// "The name contains what was typed" (a search key inside <c>Trainees.SearchKey</c>), answered through the
/// name index where there is one (ADR-015). The answer is always exactly the plain <c>SearchKey.Contains(key)</c>
/// filter: the index only narrows the rows the database reads.
/// PostgreSQL: the pg_trgm GIN index serves that LIKE by itself. SQLite: the FTS5 trigram table (case-sensitive)
/// gives the ids whose key holds the text's trigrams in a row, i.e. the text; the exact Contains filter still applies
/// to the rows read, so that the index only ever narrows.
/// Fewer than three characters have no trigram: the plain scan, as before.
/// </summary>
internal static class TraineeNameSearch
{
    /// <summary>A trigram index cannot answer shorter texts.</summary>
    public const int MinimumIndexedLength = 3;

    /// <summary>The trainees whose search key contains <paramref name="key"/> (a <see cref="Common.VietnameseText.SearchKey"/>).</summary>
    /// <param name="walkNameOrder">
    /// SQLite: keep the matches while walking the SortKey index (when they are many) rather than look each one up by
    /// its id and sort them; "Id + 0" is what keeps SQLite's planner from using the ids to drive the query.
    /// </param>
    public static IQueryable<Trainee> WhereNameContains(this IQueryable<Trainee> query, AppDbContext db, string key, bool walkNameOrder = false)
    {
        query = query.Where(t => t.SearchKey.Contains(key));
        if (IndexedIds(db, key) is not { } ids)
        {
            return query;
        }

        return walkNameOrder ? query.Where(t => ids.Contains(t.Id + 0)) : query.Where(t => ids.Contains(t.Id));
    }

    /// <summary>
    /// On SQLite, for a key of three characters or more: how many trainees' keys contain it, counted in the index
    /// without reading a row. Exact, because the table is case-sensitive: consecutive trigrams of the text are the text.
    /// Otherwise null.
    /// </summary>
    public static async Task<int?> CountAsync(AppDbContext db, string key, CancellationToken cancellationToken) =>
        IndexedIds(db, key) is { } ids ? await ids.CountAsync(cancellationToken) : null;

    /// <summary>
    /// On SQLite, for a key of three characters or more: the ids of the trainees the FTS5 trigram table finds
    /// (the exact matches; still combined with the exact filter where rows are read); otherwise null.
    /// </summary>
    public static IQueryable<int>? IndexedIds(AppDbContext db, string key)
    {
        if (key.Length < MinimumIndexedLength || !db.Database.IsSqlite())
        {
            return null;
        }

        // One FTS5 phrase (a string in double quotes, its own quotes doubled): consecutive trigrams, i.e. the substring.
        var phrase = "\"" + key.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return db.Database.SqlQueryRaw<int>(
            $"SELECT rowid AS \"Value\" FROM \"{TraineeSearchIndexSql.Table}\" WHERE \"{TraineeSearchIndexSql.Table}\" MATCH {{0}}", phrase);
    }
}
