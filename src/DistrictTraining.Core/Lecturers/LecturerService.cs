using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Lecturers;

/// <summary>Filters of the lecturer list; null means any.</summary>
public sealed record LecturerFilter(string? Search = null, LecturerKind? Kind = null, bool? Active = true, int Page = 1, int PageSize = 50);

public sealed record LecturerListItem(int Id, string FullName, LecturerKind Kind, string? Position, string? Workplace, string? Phone, bool IsActive);

/// <summary>
/// A lecturer as the edit form shows it; <see cref="Id"/> null for a new lecturer. <see cref="UserId"/> is the
/// account the lecturer signs in with (null: none); only an administrator changes it.
/// </summary>
public sealed record LecturerEdit(
    int? Id,
    string FamilyName,
    string? MiddleName,
    string GivenName,
    LecturerKind Kind,
    string? Position,
    string? Workplace,
    string? Phone,
    bool IsActive,
    string? UserId = null);

/// <summary>An account that can be linked to a lecturer record: "gv.hung – Phạm Văn Hùng".</summary>
public sealed record LecturerAccountChoice(string Id, string Label);

/// <summary>The lecturer register of the signed-in user's centre; another centre's lecturers are invisible.</summary>
public sealed class LecturerService(AppDbContext db, IUserScope scope)
{
    public static string KindName(LecturerKind kind) => kind == LecturerKind.FullTime ? "Chuyên trách" : "Kiêm chức";

    /// <summary>The centre's lecturers in Vietnamese name order (given, middle, family), searched without diacritics.</summary>
    public Task<PagedList<LecturerListItem>> ListAsync(LecturerFilter filter, CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        var query = db.Lecturers.AsNoTracking().Where(l => l.CentreId == centreId);
        var key = VietnameseText.SearchKey(filter.Search);
        if (key.Length > 0)
        {
            query = query.Where(l => l.SearchKey.Contains(key));
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(l => l.Kind == kind);
        }

        if (filter.Active is { } active)
        {
            query = query.Where(l => l.IsActive == active);
        }

        var items = query.OrderBy(l => l.SortKey).ThenBy(l => l.Id)
            .Select(l => new LecturerListItem(l.Id, l.FullName, l.Kind, l.Position, l.Workplace, l.Phone, l.IsActive));
        return PagedList<LecturerListItem>.CreateAsync(items, filter.Page, filter.PageSize, cancellationToken);
    }

    public async Task<LecturerEdit?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        return await db.Lecturers.AsNoTracking()
            .Where(l => l.Id == id && l.CentreId == centreId)
            .Select(l => new LecturerEdit(l.Id, l.FamilyName, l.MiddleName, l.GivenName, l.Kind, l.Position, l.Workplace, l.Phone, l.IsActive, l.UserId))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The accounts the lecturer <paramref name="lecturerId"/> may be linked to: the centre's accounts with the
    /// Lecturer role not linked to another lecturer record, plus the one linked now, by user name.
    /// </summary>
    public async Task<IReadOnlyList<LecturerAccountChoice>> AccountChoicesAsync(int? lecturerId, CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        var lecturerAccounts = LecturerAccountLink.LecturerAccountIds(db);
        var current = lecturerId is { } id
            ? await db.Lecturers.Where(l => l.Id == id && l.CentreId == centreId).Select(l => l.UserId).FirstOrDefaultAsync(cancellationToken)
            : null;
        var accounts = await db.Users
            .Where(u => u.Id == current
                || (u.CentreId == centreId && lecturerAccounts.Contains(u.Id) && !db.Lecturers.Any(l => l.UserId == u.Id && l.Id != lecturerId)))
            .Select(u => new { u.Id, u.UserName, u.FullName, u.IsDisabled })
            .ToListAsync(cancellationToken);
        return accounts
            .OrderBy(a => a.UserName, StringComparer.Ordinal)
            .Select(a => new LecturerAccountChoice(a.Id, $"{a.UserName} – {a.FullName}{(a.IsDisabled ? " (đã vô hiệu hóa)" : "")}"))
            .ToList();
    }

    /// <summary>Adds a lecturer to the user's centre or changes one of its lecturers.</summary>
    public async Task<int> SaveAsync(LecturerEdit edit, CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        if (string.IsNullOrWhiteSpace(edit.FamilyName) || string.IsNullOrWhiteSpace(edit.GivenName))
        {
            throw new DomainException("Vui lòng nhập họ và tên của giảng viên.");
        }

        if (!Enum.IsDefined(edit.Kind))
        {
            throw new DomainException("Vui lòng chọn loại giảng viên.");
        }

        Lecturer lecturer;
        if (edit.Id is { } id)
        {
            lecturer = await db.Lecturers.FirstOrDefaultAsync(l => l.Id == id && l.CentreId == centreId, cancellationToken)
                ?? throw new DomainException("Không tìm thấy giảng viên.");
        }
        else
        {
            lecturer = new Lecturer { CentreId = centreId };
            db.Lecturers.Add(lecturer);
        }

        // The name columns are cleaned and keyed by the DbContext on save (IHasPersonName).
        lecturer.FamilyName = edit.FamilyName;
        lecturer.MiddleName = edit.MiddleName;
        lecturer.GivenName = edit.GivenName;
        lecturer.Kind = edit.Kind;
        lecturer.Position = Optional(edit.Position);
        lecturer.Workplace = Optional(edit.Workplace);
        lecturer.Phone = Optional(edit.Phone);
        lecturer.IsActive = edit.IsActive;
        await LinkAccountAsync(lecturer, edit.UserId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return lecturer.Id;
    }

    /// <summary>Links (or unlinks, for null) the lecturer's sign-in account; the change is audited with the lecturer.</summary>
    private async Task LinkAccountAsync(Lecturer lecturer, string? userId, CancellationToken cancellationToken)
    {
        userId = string.IsNullOrWhiteSpace(userId) ? null : userId;
        if (userId == lecturer.UserId)
        {
            return;
        }

        if (!scope.IsAdministrator)
        {
            throw new DomainException("Chỉ quản trị viên được gắn hoặc bỏ gắn tài khoản của giảng viên.");
        }

        if (userId is not null)
        {
            var account = await LecturerAccountLink.AccountAsync(db, userId, cancellationToken)
                ?? throw new DomainException("Không tìm thấy tài khoản được chọn.");
            var side = new LecturerAccountLink.LecturerSide(
                lecturer.Id, lecturer.CentreId, VietnameseText.PersonName(lecturer.FamilyName, lecturer.MiddleName, lecturer.GivenName).Full, lecturer.UserId);
            if ((LecturerAccountLink.PairRefusal(side, account) ?? await LecturerAccountLink.AccountTakenAsync(db, side, account, cancellationToken)) is { } refusal)
            {
                throw new DomainException(refusal);
            }
        }

        lecturer.UserId = userId;
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Clean(text);
}
