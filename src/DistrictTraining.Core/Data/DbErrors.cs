using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DistrictTraining.Core.Data;

/// <summary>Reading a provider's error the same way on SQLite and PostgreSQL.</summary>
public static class DbErrors
{
    /// <summary>True when a save broke a unique index (two staff adding the same thing at the same moment).</summary>
    public static bool IsUniqueViolation(this DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        _ => false,
    };
}
