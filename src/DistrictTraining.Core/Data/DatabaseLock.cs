using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DistrictTraining.Core.Data;

/// <summary>
/// A lock that every node on the same database respects, for work that must run once at a time however many
/// portal processes start together: migrations and seeding at start-up, first-run setup. PostgreSQL: a
/// session advisory lock; SQL Server: a session application lock; SQLite (one machine): an exclusive lock on a
/// file beside the database. Each is held on a connection of its own and released on dispose (or when the
/// process dies, by the server or the operating system). The server locks are taken in the maintenance database
/// ("postgres", "master") under a name that includes the portal's database, because on a first start the
/// portal's database does not exist yet: the migrations create it, under this lock.
/// </summary>
public static class DatabaseLock
{
    /// <summary>Start-up work: migrations, roles, the catalogue, unattended bootstrap, demo data.</summary>
    public const long Startup = 0x44_54_00_01;

    /// <summary>First-run setup: exactly one centre and one administrator.</summary>
    public const long Setup = 0x44_54_00_02;

    internal const string SqlServerAcquire = "EXEC sp_getapplock @Resource = @name, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1";

    internal const string SqlServerRelease = "EXEC sp_releaseapplock @Resource = @name, @LockOwner = 'Session'";

    public static async Task<IAsyncDisposable> AcquireAsync(AppDbContext db, long key, CancellationToken cancellationToken = default)
    {
        var connectionString = db.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The database has no connection string.");
        if (db.Database.IsNpgsql())
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            key ^= Fnv1a(target.Database ?? "");
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
            {
                command.CommandTimeout = 0;
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return new Release(async () =>
            {
                await using (var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection))
                {
                    unlock.Parameters.AddWithValue("key", key);
                    await unlock.ExecuteNonQueryAsync(CancellationToken.None);
                }

                await connection.DisposeAsync();
            });
        }

        if (db.Database.IsSqlServer())
        {
            var target = new SqlConnectionStringBuilder(connectionString);
            var name = Name(key) + "-" + target.InitialCatalog;
            var connection = new SqlConnection(new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "master", Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using (var command = new SqlCommand(SqlServerAcquire, connection))
            {
                command.Parameters.AddWithValue("name", name);
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return new Release(async () =>
            {
                await using (var unlock = new SqlCommand(SqlServerRelease, connection))
                {
                    unlock.Parameters.AddWithValue("name", name);
                    await unlock.ExecuteNonQueryAsync(CancellationToken.None);
                }

                await connection.DisposeAsync();
            });
        }

        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", $"{Path.GetFileName(file)}.{Name(key)}.lock");
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) between processes on Linux as on Windows.
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new Release(() => stream.DisposeAsync());
            }
            catch (IOException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    // A stable 64-bit hash (FNV-1a) of the database name: string.GetHashCode differs between processes.
    private static long Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    private static string Name(long key) => "districttraining-" + key.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Release(Func<ValueTask> release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => release();
    }
}
