using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DistrictTraining.Core.Data;

// One context type per database, each with its own generated migrations and model snapshot under
// Data/Migrations/<provider> (EF's "migrations with multiple providers", multiple context types).
// The schema is AppDbContext's on every database (ADR-004); SQL Server adds only a collation on the name keys
// (and writes index filters with brackets),
// PostgreSQL a trigram index on the trainees' search key (the SQLite migrations add an FTS5 table for it: ADR-015).

/// <summary>The embedded default: a SQLite file.</summary>
public sealed class SqliteAppDbContext(DbContextOptions options, ICurrentUser? currentUser = null)
    : AppDbContext(options, currentUser);

/// <summary>PostgreSQL: a province's shared database.</summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions options, ICurrentUser? currentUser = null)
    : AppDbContext(options, currentUser)
{
    /// <summary>The trigram index that answers "name contains" (LIKE '%…%') on the trainees' search key (ADR-015).</summary>
    public const string TraineeSearchKeyTrigramIndex = "IX_Trainees_SearchKey_Trigram";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Trainee>().HasIndex(t => t.SearchKey, TraineeSearchKeyTrigramIndex)
            .HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

/// <summary>SQL Server: a public body's own server.</summary>
public sealed class SqlServerAppDbContext(DbContextOptions options, ICurrentUser? currentUser = null)
    : AppDbContext(options, currentUser)
{
    /// <summary>
    /// The name keys are ASCII made for ordinal comparison (VietnameseText): a binary collation makes
    /// ORDER BY and LIKE on them independent of the server's default collation (ADR-001).
    /// </summary>
    public const string KeyCollation = "Latin1_General_100_BIN2";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
                     .Where(p => p.Name is "SortKey" or "SearchKey" && p.ClrType == typeof(string)))
        {
            property.SetCollation(KeyCollation);
        }

        // Index filters are written with ANSI quotes in the shared model; brackets here, so that a script run by a tool
        // with QUOTED_IDENTIFIER off (sqlcmd's default) still creates them.
        foreach (var index in builder.Model.GetEntityTypes().SelectMany(e => e.GetIndexes()))
        {
            if (index.GetFilter() is { } filter && filter.Contains('"', StringComparison.Ordinal))
            {
                index.SetFilter(System.Text.RegularExpressions.Regex.Replace(filter, "\"([^\"]+)\"", "[$1]"));
            }
        }
    }
}

/// <summary>
/// What <c>dotnet ef</c> (scripts/migrations.sh) builds each context with. The connection strings are
/// never opened to add a migration or to check for model changes; <c>script</c> does not open them either.
/// </summary>
internal static class DesignTimeOptions
{
    public static DbContextOptions For(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(builder, provider, connectionString, Path.GetTempPath());
        return builder.Options;
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(DesignTimeOptions.For(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAppDbContext>
{
    public PostgreSqlAppDbContext CreateDbContext(string[] args) =>
        new(DesignTimeOptions.For(DatabaseProvider.PostgreSQL, "Host=localhost;Database=design_time"));
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args) =>
        new(DesignTimeOptions.For(DatabaseProvider.SqlServer, "Server=localhost;Database=design_time;Integrated Security=true;TrustServerCertificate=true"));
}
