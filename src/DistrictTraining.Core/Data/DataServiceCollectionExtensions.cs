using DistrictTraining.Core.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DbContext on the configured provider. SQLite is the embedded default: with no
    /// connection string, a file in the data folder, created on first run. Services ask for
    /// <see cref="AppDbContext"/> and get the provider's own context type, which owns its migrations.
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
        void Options(DbContextOptionsBuilder options) => Configure(options, database.Provider, connectionString, dataDirectory);
        _ = database.Provider switch
        {
            DatabaseProvider.PostgreSQL => services.AddDbContext<AppDbContext, PostgreSqlAppDbContext>(Options),
            DatabaseProvider.SqlServer => services.AddDbContext<AppDbContext, SqlServerAppDbContext>(Options),
            _ => services.AddDbContext<AppDbContext, SqliteAppDbContext>(Options),
        };
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
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Default is empty.");
                }

                options.UseSqlServer(connectionString);
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
    }
}
