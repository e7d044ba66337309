using DistrictTraining.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DistrictTraining.Tests.Infrastructure;

/// <summary>
/// One migrated database per provider for the whole test run, which <see cref="TestDatabase.MigrateAsync"/> copies
/// for each test: running the ~30 migrations for every test was most of the run's time (a PostgreSQL test spent
/// about a second on them). The templates are made by the same migrations the portal runs, on first use, and removed
/// when the test process exits (a crashed run leaves them in the temp folder and on the throwaway server).
/// </summary>
internal static class MigratedTemplates
{
    private static readonly string Suffix = $"{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
    private static readonly Lazy<Task<string>> Sqlite = new(CreateSqliteAsync);
    private static readonly Lazy<Task<string>> Postgres = new(CreatePostgresAsync);

    /// <summary>Path of the migrated SQLite template file (no connection is left open on it).</summary>
    public static Task<string> SqliteFileAsync() => Sqlite.Value;

    /// <summary>Creates <paramref name="database"/> on the test server as a copy of the migrated template.</summary>
    public static async Task ClonePostgresAsync(string database)
    {
        var template = await Postgres.Value;
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE \"{template}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> CreateSqliteAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "districttraining-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"template_{Suffix}.db");
        // No pooling: once migrated, no connection stays open on the file being copied.
        await MigrateAsync(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString, directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }

    private static async Task<string> CreatePostgresAsync()
    {
        var name = $"dt_template_{Suffix}";
        var connectionString = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresBase()) { Database = name, Pooling = false }.ConnectionString;
        await MigrateAsync(DatabaseProvider.PostgreSQL, connectionString, Path.GetTempPath());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropPostgres(name);
        return name;
    }

    private static async Task MigrateAsync(DatabaseProvider provider, string connectionString, string directory)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(builder, provider, connectionString, directory);
        await using var db = AppDbContext.Create(provider, builder.Options, null);
        await db.Database.MigrateAsync();
    }

    private static string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(TestDatabase.PostgresBase()) { Database = "postgres" }.ConnectionString;

    private static void DropPostgres(string name)
    {
        try
        {
            using var connection = new NpgsqlConnection(AdminConnectionString());
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server may already be gone at the end of the run (scripts/test.sh stops it).
        }
    }
}
