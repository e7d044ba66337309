using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DistrictTraining.Tests.Infrastructure;

public enum Provider
{
    Sqlite,

    /// <summary>The database server: PostgreSQL, or SQL Server in scripts/test-sqlserver.sh (see <see cref="TestDatabase.Server"/>).</summary>
    PostgreSQL,
}

/// <summary>
/// A fresh, real database for one test: a temporary SQLite file, or a new database on the server:
/// the throwaway PostgreSQL cluster that scripts/test.sh starts (DT_TEST_POSTGRES), or, with
/// DT_TEST_SERVER=SqlServer, the SQL Server in DT_TEST_SQLSERVER (scripts/test-sqlserver.sh). Dropped on dispose.
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
        var connectionString = (provider, Server) switch
        {
            (Provider.Sqlite, _) => $"Data Source={Path.Combine(directory, "test.db")}",
            (_, DatabaseProvider.SqlServer) => new SqlConnectionStringBuilder(SqlServerBase()) { InitialCatalog = name }.ConnectionString,
            _ => new NpgsqlConnectionStringBuilder(PostgresBase()) { Database = name }.ConnectionString,
        };
        return new TestDatabase(provider, connectionString, directory);
    }

    public static string PostgresBase() =>
        Environment.GetEnvironmentVariable("DT_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "DT_TEST_POSTGRES is not set: run the tests with `bash scripts/test.sh`, which starts a throwaway PostgreSQL.");

    /// <summary>
    /// What the tests' <see cref="Provider.PostgreSQL"/> databases are: PostgreSQL, unless DT_TEST_SERVER=SqlServer
    /// (scripts/test-sqlserver.sh), which runs the same tests on SQL Server.
    /// </summary>
    public static DatabaseProvider Server => Environment.GetEnvironmentVariable("DT_TEST_SERVER") switch
    {
        null or "" or "PostgreSQL" => DatabaseProvider.PostgreSQL,
        "SqlServer" => DatabaseProvider.SqlServer,
        var other => throw new InvalidOperationException($"DT_TEST_SERVER is '{other}': use PostgreSQL (the default) or SqlServer."),
    };

    public static string SqlServerBase() =>
        Environment.GetEnvironmentVariable("DT_TEST_SQLSERVER") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "DT_TEST_SERVER=SqlServer but DT_TEST_SQLSERVER is not set: run `bash scripts/test-sqlserver.sh` with DT_TEST_SQLSERVER set to a SQL Server connection string.");

    public DatabaseProvider PortalProvider => Provider == Provider.Sqlite ? DatabaseProvider.Sqlite : Server;

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

    /// <summary>
    /// Gives this (still empty) database the schema the portal's migrations build. On SQLite and PostgreSQL it is a
    /// copy of a template that ran the migrations once for the whole test run (<see cref="MigratedTemplates"/>): a copied
    /// file, or <c>CREATE DATABASE … TEMPLATE</c>; each test still has a database of its own. On SQL Server
    /// (scripts/test-sqlserver.sh) the migrations run for each database. A test that needs the migrations to run on
    /// its own database (start-up on an empty database, upgrades) uses <see cref="Create"/> without this.
    /// </summary>
    public async Task<TestDatabase> MigrateAsync()
    {
        switch (PortalProvider)
        {
            case DatabaseProvider.Sqlite:
                File.Copy(await MigratedTemplates.SqliteFileAsync(), new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource);
                break;
            case DatabaseProvider.PostgreSQL:
                await MigratedTemplates.ClonePostgresAsync(new NpgsqlConnectionStringBuilder(ConnectionString).Database!);
                break;
            default:
                await using (var db = CreateContext())
                {
                    await db.Database.MigrateAsync();
                }

                break;
        }

        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var db = CreateContext())
        {
            await db.Database.EnsureDeletedAsync();
        }

        switch (PortalProvider)
        {
            case DatabaseProvider.Sqlite:
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                break;
            case DatabaseProvider.SqlServer:
                SqlConnection.ClearAllPools();
                break;
            default:
                NpgsqlConnection.ClearAllPools();
                break;
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
