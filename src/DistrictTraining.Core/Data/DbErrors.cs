using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DistrictTraining.Core.Data;

/// <summary>Reading a provider's error the same way on SQLite, PostgreSQL and SQL Server.</summary>
public static class DbErrors
{
    /// <summary>True when a save broke a unique index (two staff adding the same thing at the same moment).</summary>
    public static bool IsUniqueViolation(this DbUpdateException ex) => IsUniqueViolationError(ex.InnerException);

    /// <summary>
    /// True when a save or a statement broke a unique index: a <see cref="DbUpdateException"/> from a save, or the provider's
    /// own exception from a statement sent directly (<see cref="BatchInserter"/>).
    /// </summary>
    public static bool IsUniqueViolation(this Exception ex) => ex is DbUpdateException update ? update.IsUniqueViolation() : IsUniqueViolationError(ex);

    private static bool IsUniqueViolationError(Exception? ex) => ex switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
        SqlException sqlServer => IsSqlServerUniqueViolation(sqlServer.Number),
        _ => false,
    };

    /// <summary>2601: duplicate key in a unique index; 2627: in a unique or primary-key constraint.</summary>
    internal static bool IsSqlServerUniqueViolation(int errorNumber) => errorNumber is 2601 or 2627;

    /// <summary>
    /// True when the database gave up a write because another one was writing the same rows at that moment: a
    /// deadlock or a serialization failure (PostgreSQL 40P01 / 40001, SQL Server 1205), or SQLite still busy or
    /// locked after its wait. The whole transaction was rolled back, so the same action can simply be repeated.
    /// Anywhere in the exception's chain (EF wraps the provider's exception in its own).
    /// </summary>
    public static bool IsWriteConflict(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var conflict = e switch
            {
                PostgresException pg => pg.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure,
                SqlException sqlServer => sqlServer.Number == 1205,
                SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
                _ => false,
            };
            if (conflict)
            {
                return true;
            }
        }

        return false;
    }
}
