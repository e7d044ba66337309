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

/// <summary>An account in the list. <see cref="LockedUntil"/> is the end of a temporary lockout (wrong passwords), in UTC; null when not locked.</summary>
public sealed record UserListItem(string Id, string UserName, string FullName, string Role, string? CentreName, string? UnitName, bool IsDisabled, DateTime? LockedUntil)
{
    public bool IsLockedOut => LockedUntil is not null;

    /// <summary>"Hoạt động", "Đã vô hiệu hóa", "Tạm khóa đến 10:45 30/11/2026" (Vietnam time).</summary>
    public string StatusText => IsDisabled ? "Đã vô hiệu hóa" : LockedUntil is { } until ? $"Tạm khóa đến {VietnamTime.Format(until)}" : "Hoạt động";
}

/// <summary>An account as the edit form shows it; <see cref="LecturerId"/> is the lecturer record of a Lecturer account (null: none).</summary>
public sealed record UserEdit(string? Id, string UserName, string FullName, string Role, int? CentreId, int? UnitId, string? Password, int? LecturerId = null);

/// <summary>A lecturer record an account may be linked to; <see cref="CentreName"/> tells centres apart when there are several.</summary>
public sealed record LecturerRecordChoice(int Id, string Name, string CentreName);

public sealed record Choice(int Id, string Name);

/// <summary>Accounts: profile for the shell, and the administrator's account management.</summary>
public sealed class AccountService(AppDbContext db, UserManager<AppUser> users, ICurrentUser currentUser, TimeProvider clock, ILogger<AccountService> logger)
{
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
        var rows = await (
            from u in db.Users
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
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.First().Name!);
        return rows
            .Select(r => new UserListItem(r.Id, r.UserName!, r.FullName, roleOf.GetValueOrDefault(r.Id, ""), r.CentreName, r.UnitName,
                r.IsDisabled, !r.IsDisabled && r.LockoutEnd > now ? r.LockoutEnd.Value.UtcDateTime : null))
            .OrderBy(r => r.UserName, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<UserEdit?> GetForEditAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var lecturerId = await db.Lecturers.Where(l => l.UserId == id).Select(l => (int?)l.Id).FirstOrDefaultAsync(cancellationToken);
        return new UserEdit(user.Id, user.UserName!, user.FullName, await RoleOfAsync(id, cancellationToken), user.CentreId, user.UnitId, null, lecturerId);
    }

    public async Task<(IReadOnlyList<Choice> Centres, IReadOnlyList<Choice> Units)> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        var centres = await db.TrainingCentres.OrderBy(c => c.Name).Select(c => new Choice(c.Id, c.Name)).ToListAsync(cancellationToken);
        var units = await db.OrganisationUnits.OrderBy(u => u.SearchKey).Select(u => new Choice(u.Id, u.Name)).ToListAsync(cancellationToken);
        return (centres, units);
    }

    /// <summary>
    /// The lecturer records the account <paramref name="userId"/> (null: a new account) may be linked to: those not
    /// linked to another account, active or linked to this one, in Vietnamese name order.
    /// </summary>
    public async Task<IReadOnlyList<LecturerRecordChoice>> LecturerChoicesAsync(string? userId, CancellationToken cancellationToken = default) =>
        await db.Lecturers
            .Where(l => (l.UserId == null && l.IsActive) || (userId != null && l.UserId == userId))
            .OrderBy(l => l.SortKey).ThenBy(l => l.Id)
            .Select(l => new LecturerRecordChoice(l.Id, l.FullName, db.TrainingCentres.Where(c => c.Id == l.CentreId).Select(c => c.Name).First()))
            .ToListAsync(cancellationToken);

    /// <summary>Creates or updates an account; returns Vietnamese errors, empty on success.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(UserEdit edit, CancellationToken cancellationToken = default)
    {
        if (!Roles.All.Contains(edit.Role))
        {
            return ["Vai trò không hợp lệ."];
        }

        if (edit.Role == Roles.UnitLiaison && edit.UnitId is null)
        {
            return ["Cán bộ đơn vị phải được gán một đơn vị."];
        }

        if (edit.Role != Roles.ProvincialOffice && edit.CentreId is null && await db.TrainingCentres.CountAsync(cancellationToken) > 1)
        {
            return ["Vui lòng chọn trung tâm cho tài khoản."];
        }

        var centreId = edit.CentreId ?? (edit.Role == Roles.ProvincialOffice ? null : await db.TrainingCentres.OrderBy(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken));
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
            user = await users.FindByIdAsync(edit.Id) ?? throw new DomainException("Không tìm thấy tài khoản.");
            Apply(user, edit, centreId);
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded)
            {
                return Errors(updated);
            }

            var current = await users.GetRolesAsync(user);
            if (current.Count > 0 && !(current.Count == 1 && current[0] == edit.Role))
            {
                var removed = await users.RemoveFromRolesAsync(user, current);
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

        if (!await users.IsInRoleAsync(user, edit.Role))
        {
            var added = await users.AddToRoleAsync(user, edit.Role);
            if (!added.Succeeded)
            {
                return Errors(added);
            }
        }

        await LinkLecturerAsync(user.Id, lecturer, cancellationToken);
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

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
    public async Task SetDisabledAsync(string id, bool disabled, string actingUserId)
    {
        if (disabled && id == actingUserId)
        {
            throw new DomainException("Không thể tự khóa tài khoản đang đăng nhập.");
        }

        var user = await users.FindByIdAsync(id) ?? throw new DomainException("Không tìm thấy tài khoản.");
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
        var user = await users.FindByIdAsync(id) ?? throw new DomainException("Không tìm thấy tài khoản.");
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
               where ur.UserId == userId
               select r.Name).FirstOrDefaultAsync(cancellationToken) ?? "";

    private static void Apply(AppUser user, UserEdit edit, int? centreId)
    {
        user.FullName = VietnameseText.Clean(edit.FullName);
        user.CentreId = centreId;
        user.UnitId = edit.Role == Roles.UnitLiaison ? edit.UnitId : null;
    }

    private static List<string> Errors(IdentityResult result) => result.Errors.Select(e => e.Description).ToList();
}
