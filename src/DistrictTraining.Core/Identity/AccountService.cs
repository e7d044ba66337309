using System.Text.Json;
using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Lecturers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DistrictTraining.Core.Identity;

public sealed record UserProfile(string UserName, string FullName, string Role, string? CentreName, string? UnitName);

/// <summary>
/// An account in the list. <see cref="LockedUntil"/> is the end of a temporary lockout (wrong passwords), in UTC; null when not locked.
/// <see cref="CanManage"/> is false for a province administrator shown to a centre administrator: listed, not editable (ADR-010).
/// </summary>
public sealed record UserListItem(string Id, string UserName, string FullName, string Role, string? CentreName, string? UnitName, bool IsDisabled, DateTime? LockedUntil,
    bool IsProvinceAdministrator = false, bool CanManage = true)
{
    public bool IsLockedOut => LockedUntil is not null;

    /// <summary>"Hoạt động", "Đã vô hiệu hóa", "Tạm khóa đến 10:45 30/11/2026" (Vietnam time).</summary>
    public string StatusText => IsDisabled ? "Đã vô hiệu hóa" : LockedUntil is { } until ? $"Tạm khóa đến {VietnamTime.Format(until)}" : "Hoạt động";
}

/// <summary>
/// An account as the edit form shows it; <see cref="LecturerId"/> is the lecturer record of a Lecturer account (null: none);
/// <see cref="IsProvinceAdministrator"/>: an Administrator who also manages every centre's accounts (ADR-010).
/// </summary>
public sealed record UserEdit(string? Id, string UserName, string FullName, string Role, int? CentreId, int? UnitId, string? Password, int? LecturerId = null,
    bool IsProvinceAdministrator = false);

/// <summary>A lecturer record an account may be linked to; <see cref="CentreName"/> tells centres apart when there are several.</summary>
public sealed record LecturerRecordChoice(int Id, string Name, string CentreName);

public sealed record Choice(int Id, string Name);

/// <summary>
/// Accounts: profile for the shell, and the administrators' account management. Who manages which accounts is decided
/// here and nowhere else (ADR-010): a province administrator every account; a centre administrator only the accounts of
/// their own centre, never a province administrator's, never an account without a centre. An account out of reach is
/// "not found", by list, by URL or by a forged post.
/// </summary>
public sealed class AccountService(AppDbContext db, UserManager<AppUser> users, ICurrentUser currentUser, TimeProvider clock, ILogger<AccountService> logger)
{
    public const string NotFound = "Không tìm thấy tài khoản.";
    public const string OtherCentre = "Quản trị viên trung tâm chỉ quản lý tài khoản của trung tâm mình: không thể gán tài khoản cho trung tâm khác hoặc cho cấp tỉnh.";
    public const string ProvinceOnly = "Chỉ quản trị toàn tỉnh mới được cấp hoặc bỏ quyền quản trị toàn tỉnh.";

    private AccountScope? _scope;

    /// <summary>Whose accounts the acting administrator manages: every centre's, or those of one centre (none if they have no centre).</summary>
    private sealed record AccountScope(bool AllCentres, int? CentreId)
    {
        public bool Covers(int? centreId) => AllCentres || (CentreId is not null && centreId == CentreId);
    }

    /// <summary>
    /// Read from the database, not the cookie, so a role or centre changed a moment ago counts at once. No acting user
    /// means the portal itself (start-up, seeding), which is not limited to a centre.
    /// </summary>
    private async Task<AccountScope> ScopeAsync(CancellationToken cancellationToken)
    {
        if (_scope is not null)
        {
            return _scope;
        }

        if (currentUser.UserId is not { } actingId)
        {
            return _scope = new AccountScope(true, null);
        }

        var centreId = await db.Users.Where(u => u.Id == actingId).Select(u => u.CentreId).FirstOrDefaultAsync(cancellationToken);
        var province = await HoldsProvinceRoleAsync(actingId, cancellationToken);
        return _scope = new AccountScope(province, centreId);
    }

    private Task<bool> HoldsProvinceRoleAsync(string userId, CancellationToken cancellationToken) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         where ur.UserId == userId && r.Name == Roles.ProvinceAdministrator
         select ur.UserId).AnyAsync(cancellationToken);

    /// <summary>Whether the acting administrator manages every centre's accounts (and so may grant the province role).</summary>
    public async Task<bool> ManagesAllCentresAsync(CancellationToken cancellationToken = default) => (await ScopeAsync(cancellationToken)).AllCentres;

    /// <summary>The account <paramref name="id"/> if the acting administrator may manage it; null otherwise, as if it did not exist.</summary>
    private async Task<AppUser?> FindManagedAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return null;
        }

        var scope = await ScopeAsync(cancellationToken);
        return scope.AllCentres || (scope.Covers(user.CentreId) && !await HoldsProvinceRoleAsync(user.Id, cancellationToken)) ? user : null;
    }

    public async Task<UserProfile?> GetProfileAsync(string userId, CancellationToken cancellationToken = default)
    {
        var profile = await (
            from u in db.Users
            where u.Id == userId
            join c in db.TrainingCentres on u.CentreId equals c.Id into cs
            from c in cs.DefaultIfEmpty()
            join o in db.OrganisationUnits on u.UnitId equals o.Id into os
            from o in os.DefaultIfEmpty()
            select new { u.UserName, u.FullName, CentreName = c == null ? null : c.Name, UnitName = o == null ? null : o.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (profile is null)
        {
            return null;
        }

        var role = await RoleOfAsync(userId, cancellationToken);
        var centreName = profile.CentreName ?? await db.TrainingCentres.OrderBy(c => c.Id).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        return new UserProfile(profile.UserName!, profile.FullName, role, centreName, profile.UnitName);
    }

    public async Task<IReadOnlyList<UserListItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var scope = await ScopeAsync(cancellationToken);
        var rows = await (
            from u in db.Users
            where scope.AllCentres || (scope.CentreId != null && u.CentreId == scope.CentreId)
            join c in db.TrainingCentres on u.CentreId equals c.Id into cs
            from c in cs.DefaultIfEmpty()
            join o in db.OrganisationUnits on u.UnitId equals o.Id into os
            from o in os.DefaultIfEmpty()
            select new { u.Id, u.UserName, u.FullName, CentreName = c == null ? null : c.Name, UnitName = o == null ? null : o.Name, u.IsDisabled, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var roles = await (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var roleOf = roles.Where(r => r.Name != Roles.ProvinceAdministrator).GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.First().Name!);
        var province = roles.Where(r => r.Name == Roles.ProvinceAdministrator).Select(r => r.UserId).ToHashSet();
        return rows
            .Select(r => new UserListItem(r.Id, r.UserName!, r.FullName, roleOf.GetValueOrDefault(r.Id, ""), r.CentreName, r.UnitName,
                r.IsDisabled, !r.IsDisabled && r.LockoutEnd > now ? r.LockoutEnd.Value.UtcDateTime : null,
                province.Contains(r.Id), scope.AllCentres || !province.Contains(r.Id)))
            .OrderBy(r => r.UserName, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<UserEdit?> GetForEditAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await FindManagedAsync(id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var lecturerId = await db.Lecturers.Where(l => l.UserId == id).Select(l => (int?)l.Id).FirstOrDefaultAsync(cancellationToken);
        return new UserEdit(user.Id, user.UserName!, user.FullName, await RoleOfAsync(id, cancellationToken), user.CentreId, user.UnitId, null, lecturerId,
            await HoldsProvinceRoleAsync(id, cancellationToken));
    }

    public async Task<(IReadOnlyList<Choice> Centres, IReadOnlyList<Choice> Units)> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        var scope = await ScopeAsync(cancellationToken);
        var centres = await db.TrainingCentres.Where(c => scope.AllCentres || c.Id == scope.CentreId)
            .OrderBy(c => c.Name).Select(c => new Choice(c.Id, c.Name)).ToListAsync(cancellationToken);
        var units = await db.OrganisationUnits.OrderBy(u => u.SearchKey).Select(u => new Choice(u.Id, u.Name)).ToListAsync(cancellationToken);
        return (centres, units);
    }

    /// <summary>
    /// The lecturer records the account <paramref name="userId"/> (null: a new account) may be linked to: those not
    /// linked to another account, active or linked to this one, of the centres the acting administrator manages, in Vietnamese name order.
    /// </summary>
    public async Task<IReadOnlyList<LecturerRecordChoice>> LecturerChoicesAsync(string? userId, CancellationToken cancellationToken = default)
    {
        var scope = await ScopeAsync(cancellationToken);
        return await db.Lecturers
            .Where(l => scope.AllCentres || l.CentreId == scope.CentreId)
            .Where(l => (l.UserId == null && l.IsActive) || (userId != null && l.UserId == userId))
            .OrderBy(l => l.SortKey).ThenBy(l => l.Id)
            .Select(l => new LecturerRecordChoice(l.Id, l.FullName, db.TrainingCentres.Where(c => c.Id == l.CentreId).Select(c => c.Name).First()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates or updates an account; returns Vietnamese errors, empty on success.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(UserEdit edit, CancellationToken cancellationToken = default)
    {
        if (!Roles.Assignable.Contains(edit.Role))
        {
            return ["Vai trò không hợp lệ."];
        }

        var scope = await ScopeAsync(cancellationToken);
        AppUser? existing = null;
        if (edit.Id is not null)
        {
            existing = await FindManagedAsync(edit.Id, cancellationToken);
            if (existing is null)
            {
                return [NotFound];
            }
        }

        var wasProvince = existing is not null && await HoldsProvinceRoleAsync(existing.Id, cancellationToken);
        if (edit.IsProvinceAdministrator != wasProvince && !scope.AllCentres)
        {
            return [ProvinceOnly];
        }

        if (edit.IsProvinceAdministrator && edit.Role != Roles.Administrator)
        {
            return ["Quyền quản trị toàn tỉnh chỉ dành cho tài khoản có vai trò Quản trị viên."];
        }

        if (wasProvince && !edit.IsProvinceAdministrator && edit.Id == currentUser.UserId)
        {
            return ["Không thể tự bỏ quyền quản trị toàn tỉnh của tài khoản đang đăng nhập."];
        }

        if (!scope.AllCentres && (scope.CentreId is null || (edit.CentreId ?? scope.CentreId) != scope.CentreId))
        {
            return [OtherCentre];
        }

        if (edit.Role == Roles.UnitLiaison && edit.UnitId is null)
        {
            return ["Cán bộ đơn vị phải được gán một đơn vị."];
        }

        if (scope.AllCentres && edit.Role != Roles.ProvincialOffice && edit.CentreId is null && await db.TrainingCentres.CountAsync(cancellationToken) > 1)
        {
            return ["Vui lòng chọn trung tâm cho tài khoản."];
        }

        var centreId = edit.CentreId ?? (!scope.AllCentres ? scope.CentreId : edit.Role == Roles.ProvincialOffice ? null : await db.TrainingCentres.OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken));
        Lecturer? lecturer = null;
        if (edit.LecturerId is { } lecturerId)
        {
            lecturer = await db.Lecturers.FirstOrDefaultAsync(l => l.Id == lecturerId, cancellationToken);
            if (lecturer is null)
            {
                return ["Không tìm thấy hồ sơ giảng viên được chọn."];
            }

            var refusal = await LinkRefusalAsync(lecturer, edit, centreId, cancellationToken);
            if (refusal is not null)
            {
                return [refusal];
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        AppUser user;
        if (edit.Id is null)
        {
            if (string.IsNullOrWhiteSpace(edit.Password))
            {
                return ["Vui lòng nhập mật khẩu cho tài khoản mới."];
            }

            user = new AppUser { UserName = edit.UserName.Trim(), CreatedAt = DateTime.UtcNow, LockoutEnabled = true };
            Apply(user, edit, centreId);
            var created = await users.CreateAsync(user, edit.Password);
            if (!created.Succeeded)
            {
                return Errors(created);
            }
        }
        else
        {
            user = existing!;
            Apply(user, edit, centreId);
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                return Errors(updated);
            }

            var wanted = Wanted(edit);
            var stale = (await users.GetRolesAsync(user)).Where(r => !wanted.Contains(r)).ToList();
            if (stale.Count > 0)
            {
                var removed = await users.RemoveFromRolesAsync(user, stale);
                if (!removed.Succeeded)
                {
                    return Errors(removed);
                }
            }

            if (!string.IsNullOrWhiteSpace(edit.Password))
            {
                await users.RemovePasswordAsync(user);
                var set = await users.AddPasswordAsync(user, edit.Password);
                if (!set.Succeeded)
                {
                    return Errors(set);
                }
            }
        }

        foreach (var role in Wanted(edit))
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                var added = await users.AddToRoleAsync(user, role);
                if (!added.Succeeded)
                {
                    return Errors(added);
                }
            }
        }

        await LinkLecturerAsync(user.Id, lecturer, cancellationToken);
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    private static List<string> Wanted(UserEdit edit) => edit.IsProvinceAdministrator ? [edit.Role, Roles.ProvinceAdministrator] : [edit.Role];

    /// <summary>Why the account being saved cannot be linked to <paramref name="lecturer"/>, or null.</summary>
    private async Task<string?> LinkRefusalAsync(Lecturer lecturer, UserEdit edit, int? centreId, CancellationToken cancellationToken)
    {
        var lecturerSide = new LecturerAccountLink.LecturerSide(lecturer.Id, lecturer.CentreId, lecturer.FullName, lecturer.UserId);
        var accountSide = new LecturerAccountLink.AccountSide(edit.Id, edit.UserName.Trim(), centreId, edit.Role == Roles.Lecturer);
        return LecturerAccountLink.PairRefusal(lecturerSide, accountSide)
            ?? await LecturerAccountLink.RecordTakenAsync(db, lecturerSide, accountSide, cancellationToken);
    }

    /// <summary>
    /// Makes <paramref name="lecturer"/> (or none) the account's lecturer record, unlinking any other; an account
    /// that is no longer a Lecturer loses its link. The change is audited with the lecturer records.
    /// </summary>
    private async Task LinkLecturerAsync(string userId, Lecturer? lecturer, CancellationToken cancellationToken)
    {
        var linked = await db.Lecturers.Where(l => l.UserId == userId).ToListAsync(cancellationToken);
        foreach (var other in linked.Where(l => l.Id != lecturer?.Id))
        {
            other.UserId = null;
        }

        if (lecturer is not null)
        {
            lecturer.UserId = userId;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Disables or enables an account. A disabled account cannot sign in, and its open sessions end.</summary>
    public async Task SetDisabledAsync(string id, bool disabled, string actingUserId, CancellationToken cancellationToken = default)
    {
        if (disabled && id == actingUserId)
        {
            throw new DomainException("Không thể tự khóa tài khoản đang đăng nhập.");
        }

        var user = await FindManagedAsync(id, cancellationToken) ?? throw new DomainException(NotFound);
        user.IsDisabled = disabled;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        if (!disabled)
        {
            user.AccessFailedCount = 0;
        }

        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>
    /// Lifts a temporary lockout (too many wrong passwords) before it ends by itself, and forgets the failed
    /// attempts. Written to the audit trail and the log: who unlocked whom, and until when it was locked.
    /// A disabled account is not "locked": it is opened again with <see cref="SetDisabledAsync"/>.
    /// </summary>
    public async Task<string> UnlockAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await FindManagedAsync(id, cancellationToken) ?? throw new DomainException(NotFound);
        if (user.IsDisabled)
        {
            throw new DomainException($"Tài khoản {user.UserName} đã bị vô hiệu hóa, không phải tạm khóa: hãy dùng nút \"Mở lại\".");
        }

        var now = clock.GetUtcNow();
        if (user.LockoutEnd is not { } until || until <= now)
        {
            throw new DomainException($"Tài khoản {user.UserName} không bị tạm khóa (có thể đã hết thời gian khóa).");
        }

        var failed = user.AccessFailedCount;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new DomainException("Chưa mở khóa được tài khoản: " + string.Join(" ", Errors(result)));
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = now.UtcDateTime,
            UserId = currentUser.UserId,
            UserName = currentUser.UserName,
            EntityType = nameof(AppUser),
            EntityId = user.Id,
            Action = AuditAction.Updated,
            Changes = JsonSerializer.Serialize(new Dictionary<string, object?[]>
            {
                ["LockoutEnd"] = [until.UtcDateTime, null],
                ["AccessFailedCount"] = [failed, 0],
            }),
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Account {UserName} unlocked by {Administrator} (it was locked until {LockedUntil:o})", user.UserName, currentUser.UserName, until);
        return $"Đã mở khóa tài khoản {user.UserName} (đang bị tạm khóa đến {VietnamTime.Format(until.UtcDateTime)}).";
    }

    private async Task<string> RoleOfAsync(string userId, CancellationToken cancellationToken) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               where ur.UserId == userId && r.Name != Roles.ProvinceAdministrator
               select r.Name).FirstOrDefaultAsync(cancellationToken) ?? "";

    private static void Apply(AppUser user, UserEdit edit, int? centreId)
    {
        user.FullName = VietnameseText.Clean(edit.FullName);
        user.CentreId = centreId;
        user.UnitId = edit.Role == Roles.UnitLiaison ? edit.UnitId : null;
    }

    private static List<string> Errors(IdentityResult result) => result.Errors.Select(e => e.Description).ToList();
}
