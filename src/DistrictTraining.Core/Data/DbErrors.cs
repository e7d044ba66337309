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
}
