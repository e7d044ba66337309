using DistrictTraining.Core.Data;
using DistrictTraining.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Trainees;

/// <summary>
/// "The name contains what was typed" (a search key inside <c>Trainees.SearchKey</c>), answered through the
/// name index where there is one (ADR-015). The answer is always exactly the plain <c>SearchKey.Contains(key)</c>
/// filter: the index only narrows the rows the database reads.
/// PostgreSQL: the pg_trgm GIN index serves that LIKE by itself; the count of a plain name search is read from a
/// narrow copy of the keys (<see cref="CountAsync"/>). SQLite: the FTS5 trigram table (case-sensitive)
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
    /// SQLite only (ignored elsewhere): keep the matches while walking the SortKey index (when they are many) rather than look each one up by
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
    /// For a key of three characters or more, how many trainees' keys contain it, read from an index's own copy of the
    /// keys instead of the wide Trainees rows; otherwise (shorter keys, SQL Server) null.
    /// SQLite: counted in the FTS5 table without reading a row; exact because the table is case-sensitive, so that
    /// consecutive trigrams of the text are the text. PostgreSQL: the same <c>SearchKey.Contains(key)</c> filter, as EF
    /// translates it (the same escaped LIKE), over the narrow TraineeSearchKeys table, which holds every trainee's
    /// (Id, SearchKey) and has its own trigram index: 48 MB that fit in shared buffers, against the 210 MB of Trainees
    /// at 1,000,000 people (<see cref="TraineeSearchKeysSql"/>).
    /// </summary>
    public static async Task<int?> CountAsync(AppDbContext db, string key, CancellationToken cancellationToken)
    {
        if (IndexedIds(db, key) is { } ids)
        {
            return await ids.CountAsync(cancellationToken);
        }

        if (key.Length < MinimumIndexedLength || !db.Database.IsNpgsql())
        {
            return null;
        }

        return await db.Database.SqlQueryRaw<string>($"SELECT \"SearchKey\" AS \"Value\" FROM \"{TraineeSearchKeysSql.Table}\"")
            .CountAsync(k => k.Contains(key), cancellationToken);
    }

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
