using System.Globalization;
using DistrictTraining.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace DistrictTraining.Bench;

/// <summary>
/// Writes many rows into one table as fast as the provider allows, bypassing EF Core (no change
/// tracking, no audit lines): PostgreSQL through binary COPY, SQLite through one prepared INSERT
/// reused inside large transactions. Values are written in the store formats EF Core itself uses,
/// so the portal reads and updates the rows as if it had written them. Rows carry their own ids.
/// </summary>
internal abstract class BulkWriter : IAsyncDisposable
{
    public static async Task<BulkWriter> OpenAsync(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.PostgreSQL)
        {
            var pg = new NpgsqlConnection(connectionString);
            await pg.OpenAsync();
            return new PostgresBulkWriter(pg);
        }

        if (provider != DatabaseProvider.Sqlite)
        {
            throw new NotSupportedException($"The province dataset is written to PostgreSQL or SQLite only, not {provider}.");
        }

        var sqlite = new SqliteConnection(connectionString);
        await sqlite.OpenAsync();
        return new SqliteBulkWriter(sqlite);
    }

    /// <summary>Writes <paramref name="rows"/> (one value per column, in order; a row array may be reused) and returns how many.</summary>
    public abstract int Write(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows);

    /// <summary>After explicit ids: moves the table's identity past the largest id, and refreshes planner statistics.</summary>
    public abstract Task FinishAsync(IReadOnlyList<string> tables);

    public abstract ValueTask DisposeAsync();

    protected static string Quote(string name) => "\"" + name + "\"";

    private sealed class PostgresBulkWriter(NpgsqlConnection connection) : BulkWriter
    {
        public override int Write(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
        {
            var count = 0;
            using var importer = connection.BeginBinaryImport($"COPY {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)");
            importer.Timeout = TimeSpan.FromMinutes(30); // the server checks keys and fills indexes after the last row
            foreach (var row in rows)
            {
                importer.StartRow();
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case null:
                            importer.WriteNull();
                            break;
                        case int i:
                            importer.Write(i, NpgsqlDbType.Integer);
                            break;
                        case long l:
                            importer.Write(l, NpgsqlDbType.Bigint);
                            break;
                        case string s:
                            importer.Write(s, NpgsqlDbType.Text);
                            break;
                        case bool b:
                            importer.Write(b, NpgsqlDbType.Boolean);
                            break;
                        case DateOnly d:
                            importer.Write(d, NpgsqlDbType.Date);
                            break;
                        case DateTime t:
                            importer.Write(DateTime.SpecifyKind(t, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                            break;
                        case Guid g:
                            importer.Write(g, NpgsqlDbType.Uuid);
                            break;
                        case decimal m:
                            importer.Write(m, NpgsqlDbType.Numeric);
                            break;
                        default:
                            throw new ArgumentException($"No COPY mapping for {value.GetType()} in {table}.");
                    }
                }

                count++;
            }

            importer.Complete();
            return count;
        }

        public override async Task FinishAsync(IReadOnlyList<string> tables)
        {
            foreach (var table in tables)
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT setval(pg_get_serial_sequence('{Quote(table)}', 'Id'), COALESCE((SELECT MAX(\"Id\") FROM {Quote(table)}), 0) + 1, false)", connection);
                await command.ExecuteScalarAsync();
            }

            await using var analyze = new NpgsqlCommand("ANALYZE", connection);
            analyze.CommandTimeout = 600;
            await analyze.ExecuteNonQueryAsync();
        }

        public override ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    private sealed class SqliteBulkWriter(SqliteConnection connection) : BulkWriter
    {
        private const int RowsPerTransaction = 100_000;

        public override int Write(string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
            var transaction = connection.BeginTransaction();
            command.Transaction = transaction;
            command.Prepare();
            var count = 0;
            try
            {
                foreach (var row in rows)
                {
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        parameters[i].Value = Store(row[i]);
                    }

                    command.ExecuteNonQuery();
                    if (++count % RowsPerTransaction == 0)
                    {
                        transaction.Commit();
                        transaction.Dispose();
                        transaction = connection.BeginTransaction();
                        command.Transaction = transaction;
                    }
                }

                transaction.Commit();
            }
            finally
            {
                transaction.Dispose();
            }

            return count;
        }

        public override async Task FinishAsync(IReadOnlyList<string> tables)
        {
            // AUTOINCREMENT tables keep their counter in sqlite_sequence, which explicit ids already moved.
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        public override ValueTask DisposeAsync() => connection.DisposeAsync();

        /// <summary>EF Core's SQLite store formats: TEXT dates, upper-case TEXT GUIDs, TEXT decimals.</summary>
        private static object Store(object? value) => value switch
        {
            null => DBNull.Value,
            Guid g => g.ToString().ToUpperInvariant(),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            decimal m => m.ToString("0.0###########################", CultureInfo.InvariantCulture),
            bool b => b ? 1 : 0,
            _ => value,
        };
    }
}
