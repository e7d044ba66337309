using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Lecturers;

/// <summary>
/// The rule linking a sign-in account to a lecturer record, said once for both pages that set it (the
/// lecturer's and the account's): one account to at most one lecturer record and back, an account with the
/// Lecturer role, of the lecturer's own centre. The link is what lets a lecturer mark their sessions.
/// </summary>
internal static class LecturerAccountLink
{
    /// <summary>The lecturer side of the pair; <see cref="UserId"/> is the account linked now.</summary>
    public sealed record LecturerSide(int Id, int CentreId, string FullName, string? UserId);

    /// <summary>The account side: <see cref="Id"/> is null for an account not created yet.</summary>
    public sealed record AccountSide(string? Id, string UserName, int? CentreId, bool HasLecturerRole);

    /// <summary>Why this account can never be this lecturer's, in Vietnamese, or null: the role, the centre.</summary>
    public static string? PairRefusal(LecturerSide lecturer, AccountSide account)
    {
        if (!account.HasLecturerRole)
        {
            return $"Tài khoản {account.UserName} không có vai trò Giảng viên nên không gắn được với hồ sơ giảng viên.";
        }

        return account.CentreId != lecturer.CentreId
            ? $"Tài khoản {account.UserName} thuộc trung tâm khác: chỉ gắn được tài khoản của trung tâm có hồ sơ giảng viên {lecturer.FullName}."
            : null;
    }

    /// <summary>
    /// Choosing the account on the lecturer's page: refused when the account is another lecturer record's
    /// (the lecturer's own previous account is simply replaced).
    /// </summary>
    public static async Task<string?> AccountTakenAsync(AppDbContext db, LecturerSide lecturer, AccountSide account, CancellationToken cancellationToken)
    {
        if (account.Id is not { } accountId)
        {
            return null;
        }

        var other = await db.Lecturers.Where(l => l.UserId == accountId && l.Id != lecturer.Id).Select(l => l.FullName).FirstOrDefaultAsync(cancellationToken);
        return other is null
            ? null
            : $"Tài khoản {account.UserName} đã được gắn với giảng viên {other}. Một tài khoản chỉ gắn với một hồ sơ giảng viên; hãy bỏ gắn ở hồ sơ đó trước.";
    }

    /// <summary>
    /// Choosing the lecturer record on the account's page: refused when the record is another account's
    /// (the account's own previous record is simply replaced).
    /// </summary>
    public static async Task<string?> RecordTakenAsync(AppDbContext db, LecturerSide lecturer, AccountSide account, CancellationToken cancellationToken)
    {
        if (lecturer.UserId is not { } linked || linked == account.Id)
        {
            return null;
        }

        var other = await db.Users.Where(u => u.Id == linked).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
        return $"Hồ sơ giảng viên {lecturer.FullName} đã được gắn với tài khoản {other}. Một hồ sơ giảng viên chỉ gắn với một tài khoản; hãy bỏ gắn ở tài khoản đó trước.";
    }

    /// <summary>The account as the rule needs it, read from the database; null when there is no such account.</summary>
    public static async Task<AccountSide?> AccountAsync(AppDbContext db, string userId, CancellationToken cancellationToken)
    {
        var account = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Id, u.UserName, u.CentreId }).FirstOrDefaultAsync(cancellationToken);
        return account is null
            ? null
            : new AccountSide(account.Id, account.UserName!, account.CentreId, await LecturerAccountIds(db).AnyAsync(id => id == userId, cancellationToken));
    }

    /// <summary>The accounts holding the Lecturer role, as a query to filter or test.</summary>
    public static IQueryable<string> LecturerAccountIds(AppDbContext db) =>
        from ur in db.UserRoles
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == Roles.Lecturer
        select ur.UserId;
}
