namespace DistrictTraining.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
    SqlServer,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the portal starts (default on).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Fill a believable demo centre on an empty database (default off).</summary>
    public bool SeedDemoData { get; set; }
}

/// <summary>The "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the SQLite file and other local data; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";
}
