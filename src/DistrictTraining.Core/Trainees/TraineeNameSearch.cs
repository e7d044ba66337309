using DistrictTraining.Core.Data;
using DistrictTraining.Core.Data.Migrations;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Trainees;

/// <summary>
/// "The name contains what was typed" (a search key inside <c>Trainees.SearchKey</c>), answered through the
/// name index where there is one (ADR-015). The answer is always exactly the plain <c>SearchKey.Contains(key)</c>
/// filter: the index only narrows the rows the database reads.
/// PostgreSQL: the pg_trgm GIN index serves that LIKE by itself. SQLite: the FTS5 trigram table gives the ids
/// whose key holds the text's trigrams in a row (case-folded), and the exact Contains filter still applies.
/// Fewer than three characters have no trigram: the plain scan, as before.
/// </summary>
internal static class TraineeNameSearch
{
    /// <summary>A trigram index cannot answer shorter texts.</summary>
    public const int MinimumIndexedLength = 3;

    /// <summary>The trainees whose search key contains <paramref name="key"/> (a <see cref="Common.VietnameseText.SearchKey"/>).</summary>
    public static IQueryable<Trainee> WhereNameContains(this IQueryable<Trainee> query, AppDbContext db, string key)
    {
        query = query.Where(t => t.SearchKey.Contains(key));
        return IndexedIds(db, key) is { } ids ? query.Where(t => ids.Contains(t.Id)) : query;
    }

    /// <summary>
    /// On SQLite, for a key of three characters or more: the ids of the trainees the FTS5 trigram table finds
    /// (a superset of the exact matches, to be combined with the exact filter); otherwise null.
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
