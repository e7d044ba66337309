using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Programmes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DistrictTraining.Core.Data;

/// <summary>Brings a database up to date at start-up: migrations, roles, the programme catalogue.</summary>
public sealed class DatabaseInitializer(
    AppDbContext db,
    DatabaseOptions options,
    RoleManager<IdentityRole> roles,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (options.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (!await db.Programmes.AnyAsync(cancellationToken))
        {
            db.Programmes.AddRange(ProgrammeCatalogue.Create());
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded the programme catalogue");
        }
    }
}
