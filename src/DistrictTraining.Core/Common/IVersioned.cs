namespace DistrictTraining.Core.Common;

/// <summary>
/// An entity two staff may edit at once. <see cref="Version"/> is a concurrency token that the
/// DbContext renews on every save, so the second of two saves fails instead of overwriting the
/// first. A token kept by the application works the same on SQLite, PostgreSQL and SQL Server.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}

/// <summary>An entity whose changes are written to the audit trail.</summary>
public interface IAudited
{
}
