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

        await EnsureProvinceAdministratorAsync(cancellationToken);

        if (!await db.Programmes.AnyAsync(cancellationToken))
        {
            db.Programmes.AddRange(ProgrammeCatalogue.Create());
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded the programme catalogue");
        }
    }

    /// <summary>
    /// A portal with administrators but no province administrator (one set up before ADR-010, when every administrator
    /// managed every account) makes its oldest active administrator the province administrator, so that someone can
    /// still manage accounts without a centre and grant the role. Nobody gains a power they did not have before.
    /// </summary>
    private async Task EnsureProvinceAdministratorAsync(CancellationToken cancellationToken)
    {
        var provinceRoleId = await db.Roles.Where(r => r.Name == Roles.ProvinceAdministrator).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (provinceRoleId is null || await db.UserRoles.AnyAsync(ur => ur.RoleId == provinceRoleId, cancellationToken))
        {
            return;
        }

        var oldest = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == Roles.Administrator && !u.IsDisabled
            orderby u.CreatedAt, u.Id
            select new { u.Id, u.UserName }).FirstOrDefaultAsync(cancellationToken);
        if (oldest is null)
        {
            return;
        }

        db.UserRoles.Add(new IdentityUserRole<string> { UserId = oldest.Id, RoleId = provinceRoleId });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("No province administrator: {UserName}, the oldest active administrator, is one now", oldest.UserName);
    }
}
