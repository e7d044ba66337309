using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Identity;

/// <param name="PublicBaseUrl">The centre's public address (<see cref="PublicAddress"/>); the setup page prefills the address the browser used.</param>
public sealed record SetupRequest(string CentreName, string AdminUserName, string AdminFullName, string Password, string? PublicBaseUrl = null);

/// <summary>
/// The first run: while no account exists, the portal asks for the centre and the first administrator.
/// Once anyone exists it refuses, so the setup can never be replayed to take over a portal.
/// </summary>
public sealed class SetupService(AppDbContext db, UserManager<AppUser> users, SetupState state, CertificateKeyService keys)
{
    public async Task<bool> IsRequiredAsync(CancellationToken cancellationToken = default)
    {
        if (state.Completed)
        {
            return false;
        }

        var anyUser = await db.Users.AnyAsync(cancellationToken);
        if (anyUser)
        {
            state.Completed = true;
        }

        return !anyUser;
    }

    /// <summary>
    /// Creates the centre and the first administrator in one transaction; errors are Vietnamese. Serialised across
    /// every node on the database (<see cref="DatabaseLock.Setup"/>), so two first runs at once make exactly one of each.
    /// </summary>
    public async Task<IReadOnlyList<string>> CompleteAsync(SetupRequest request, CancellationToken cancellationToken = default)
    {
        if (!await IsRequiredAsync(cancellationToken))
        {
            throw new DomainException("Cổng thông tin đã được cài đặt."); // the usual case, without taking the lock
        }

        await using (await DatabaseLock.AcquireAsync(db, DatabaseLock.Setup, cancellationToken))
        {
            if (!await IsRequiredAsync(cancellationToken))
            {
                throw new DomainException("Cổng thông tin đã được cài đặt.");
            }

            // The form's attributes ask for these too; the service refuses them for every caller (the unattended bootstrap).
            var missing = new[] { (request.CentreName, "Vui lòng nhập tên trung tâm."), (request.AdminFullName, "Vui lòng nhập họ và tên quản trị viên.") }
                .Where(f => VietnameseText.Clean(f.Item1).Length == 0).Select(f => f.Item2).ToList();
            if (missing.Count > 0)
            {
                return missing;
            }

            var publicBaseUrl = PublicAddress.Normalise(request.PublicBaseUrl);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var centre = await db.TrainingCentres.FirstOrDefaultAsync(cancellationToken);
            if (centre is null)
            {
                centre = new TrainingCentre();
                db.TrainingCentres.Add(centre);
            }

            centre.Name = VietnameseText.Clean(request.CentreName);
            centre.PublicBaseUrl = publicBaseUrl;
            await db.SaveChangesAsync(cancellationToken);

            var user = new AppUser
            {
                UserName = request.AdminUserName.Trim(),
                FullName = VietnameseText.Clean(request.AdminFullName),
                CentreId = centre.Id,
                CreatedAt = DateTime.UtcNow,
                LockoutEnabled = true,
            };
            var created = await users.CreateAsync(user, request.Password);
            if (!created.Succeeded)
            {
                return created.Errors.Select(e => e.Description).ToList();
            }

            // The first administrator is their centre's administrator and, being the only one, the province's too (ADR-010).
            var role = await users.AddToRolesAsync(user, [Roles.Administrator, Roles.ProvinceAdministrator]);
            if (!role.Succeeded)
            {
                return role.Errors.Select(e => e.Description).ToList();
            }

            await transaction.CommitAsync(cancellationToken);
            state.Completed = true;

            // The centre's certificate signing key (ADR-013), after the commit: sealing it may write the Data Protection
            // key ring through a connection of its own, which SQLite would make wait on this transaction. Centres made
            // otherwise, or a setup that stopped here, get their key when first needed.
            await keys.EnsureKeyAsync(centre.Id, cancellationToken);
            return [];
        }
    }
}

/// <summary>Remembers, per process, that setup is done, so the check costs nothing after the first run.</summary>
public sealed class SetupState
{
    public bool Completed { get; set; }
}
