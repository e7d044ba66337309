using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DistrictTraining.Core.Data;

/// <summary>
/// Whether a failure was the server running out of disk: the database's own "full" error on each
/// provider, or the operating system's. The user is told to free space rather than shown a generic error;
/// the database has already rolled the write back, so nothing half-written stays.
/// </summary>
public static class StorageFull
{
    private const int SqliteFull = 13;          // SQLITE_FULL
    private const string PostgreSqlDiskFull = "53100"; // disk_full
    private const int UnixNoSpace = 28;         // ENOSPC, the HResult .NET gives an IOException on Linux
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    public static bool IsCause(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var full = e switch
            {
                SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull,
                PostgresException postgres => postgres.SqlState == PostgreSqlDiskFull,
                SqlException sqlServer => sqlServer.Number is 1105 or 9002, // filegroup full, transaction log full
                IOException io => io.HResult is UnixNoSpace or WindowsDiskFull or WindowsHandleDiskFull,
                _ => false,
            };
            if (full)
            {
                return true;
            }
        }

        return false;
    }
}
