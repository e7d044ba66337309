using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DistrictTraining.Tests.Infrastructure;

public enum Provider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>
/// A fresh, real database for one test: a temporary SQLite file, or a new PostgreSQL database on the
/// throwaway cluster that scripts/test.sh starts (DT_TEST_POSTGRES). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _directory;

    private TestDatabase(Provider provider, string connectionString, string directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
    }

    public Provider Provider { get; }

    public string ConnectionString { get; }

    public string DataDirectory => _directory;

    public static TestDatabase Create(Provider provider)
    {
        var name = "dt_test_" + Guid.NewGuid().ToString("N")[..16];
        var directory = Path.Combine(Path.GetTempPath(), "districttraining-tests", name);
        Directory.CreateDirectory(directory);
        var connectionString = provider switch
        {
            Provider.Sqlite => $"Data Source={Path.Combine(directory, "test.db")}",
            _ => new NpgsqlConnectionStringBuilder(PostgresBase()) { Database = name }.ConnectionString,
        };
        return new TestDatabase(provider, connectionString, directory);
    }

    public static string PostgresBase() =>
        Environment.GetEnvironmentVariable("DT_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "DT_TEST_POSTGRES is not set: run the tests with `bash scripts/test.sh`, which starts a throwaway PostgreSQL.");

    public DatabaseProvider PortalProvider => Provider == Provider.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSQL;

    public DbContextOptions<AppDbContext> Options()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(builder, PortalProvider, ConnectionString, _directory);
        return builder.Options;
    }

    public AppDbContext CreateContext(ICurrentUser? user = null) => AppDbContext.Create(PortalProvider, Options(), user);

    /// <summary>A context whose commands pass through <paramref name="interceptor"/> (races, query counts).</summary>
    public AppDbContext CreateContext(IInterceptor interceptor, ICurrentUser? user = null) =>
        AppDbContext.Create(PortalProvider, new DbContextOptionsBuilder<AppDbContext>(Options()).AddInterceptors(interceptor).Options, user);

    /// <summary>Creates the schema the way the portal does in production: by running the migrations.</summary>
    public async Task<TestDatabase> MigrateAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var db = CreateContext())
        {
            await db.Database.EnsureDeletedAsync();
        }

        if (Provider == Provider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the temp folder is cleaned up later anyway.
        }
    }
}
