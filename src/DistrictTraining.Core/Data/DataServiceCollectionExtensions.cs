using DistrictTraining.Core.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DbContext on the configured provider. SQLite is the embedded default: with no
    /// connection string, a file in the data folder, created on first run. Switching provider is
    /// one line here (SQL Server would be one more case).
    /// </summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var dataDirectory = Path.GetFullPath(storage.DataDirectory, contentRoot);
        storage.DataDirectory = dataDirectory;
        var connectionString = configuration.GetConnectionString("Default");

        services.AddSingleton(database);
        services.AddSingleton(storage);
        services.AddDbContext<AppDbContext>(options => Configure(options, database.Provider, connectionString, dataDirectory));
        services.AddScoped<DatabaseInitializer>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string? connectionString, string dataDirectory)
    {
        switch (provider)
        {
            case DatabaseProvider.PostgreSQL:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is PostgreSQL but ConnectionStrings:Default is empty.");
                }

                options.UseNpgsql(connectionString);
                break;
            default:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    Directory.CreateDirectory(dataDirectory);
                    connectionString = $"Data Source={Path.Combine(dataDirectory, "districttraining.db")}";
                }

                options.UseSqlite(connectionString);
                break;
        }

        // Migrations are hand-written without a model snapshot (docs/decisions/ADR-004);
        // MigrationSchemaTests stands in for the check this warning would make.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
