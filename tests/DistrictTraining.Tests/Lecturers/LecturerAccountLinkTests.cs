using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Lecturers;

/// <summary>Linking a sign-in account to a lecturer record, from the lecturer's page and from the account's.</summary>
public class LecturerAccountLinkTests
{
    private sealed record World(int Mine, int Theirs, int HungId, int LanId);

    /// <summary>Two centres; in mine the lecturers Phạm Văn Hùng and Lê Thị Lan; accounts of every kind.</summary>
    private static async Task<World> SeedAsync(AppDbContext db)
    {
        var mine = new TrainingCentre { Name = "Trung tâm Chính trị Phù Cát" };
        var theirs = new TrainingCentre { Name = "Trung tâm Chính trị Tây Sơn" };
        db.TrainingCentres.AddRange(mine, theirs);
        foreach (var role in Roles.All)
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        }

        await db.SaveChangesAsync();
        await AccountAsync(db, "gv.hung", Roles.Lecturer, mine.Id);
        await AccountAsync(db, "gv.lan", Roles.Lecturer, mine.Id);
        await AccountAsync(db, "giaovu", Roles.CentreStaff, mine.Id);
        await AccountAsync(db, "gv.tayson", Roles.Lecturer, theirs.Id);
        var hung = new Lecturer { CentreId = mine.Id, FamilyName = "Phạm", MiddleName = "Văn", GivenName = "Hùng", Kind = LecturerKind.FullTime };
        var lan = new Lecturer { CentreId = mine.Id, FamilyName = "Lê", MiddleName = "Thị", GivenName = "Lan", Kind = LecturerKind.PartTime };
        db.Lecturers.AddRange(hung, lan);
        await db.SaveChangesAsync();
        return new World(mine.Id, theirs.Id, hung.Id, lan.Id);
    }

    private static async Task AccountAsync(AppDbContext db, string userName, string role, int centreId)
    {
        db.Users.Add(new AppUser { Id = userName, UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), FullName = "Tài khoản " + userName, CentreId = centreId });
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = userName, RoleId = roleId });
        await db.SaveChangesAsync();
    }

    private static LecturerService Admin(AppDbContext db, int centreId) => new(db, new FixedUserScope(centreId, IsAdministrator: true));

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task An_administrator_links_a_lecturer_account_of_the_centre_and_the_change_is_in_the_audit_trail(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext(new NamedUser("admin"));
        var w = await SeedAsync(db);
        var service = Admin(db, w.Mine);

        // Offered: the centre's Lecturer accounts only (not staff, not another centre's).
        Assert.Equal(["gv.hung", "gv.lan"], (await service.AccountChoicesAsync(w.HungId)).Select(a => a.Id));

        var hung = (await service.GetAsync(w.HungId))!;
        Assert.Null(hung.UserId);
        await service.SaveAsync(hung with { UserId = "gv.hung" });
        Assert.Equal("gv.hung", (await service.GetAsync(w.HungId))!.UserId);

        // Linked now, the account is no longer offered to another lecturer, but still to its own.
        Assert.Equal(["gv.lan"], (await service.AccountChoicesAsync(w.LanId)).Select(a => a.Id));
        Assert.Equal(["gv.hung", "gv.lan"], (await service.AccountChoicesAsync(w.HungId)).Select(a => a.Id));

        // Saving the form again without a change writes no audit line about the account.
        await service.SaveAsync((await service.GetAsync(w.HungId))!);
        await service.SaveAsync((await service.GetAsync(w.HungId))! with { UserId = null });
        Assert.Null((await service.GetAsync(w.HungId))!.UserId);

        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Lecturer) && a.EntityId == w.HungId.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == AuditAction.Updated)
            .OrderBy(a => a.Id).Select(a => new { a.UserName, a.Changes }).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal("admin", a.UserName));
        Assert.Equal("{\"UserId\":[null,\"gv.hung\"]}", audit[0].Changes);
        Assert.Equal("{\"UserId\":[\"gv.hung\",null]}", audit[1].Changes);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Linking_is_refused_for_a_linked_account_another_centres_account_an_account_without_the_role_and_a_non_administrator(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var w = await SeedAsync(db);
        var service = Admin(db, w.Mine);
        await service.SaveAsync((await service.GetAsync(w.HungId))! with { UserId = "gv.hung" });
        var lan = (await service.GetAsync(w.LanId))!;

        async Task<string> Refusal(LecturerService s, string? userId)
        {
            db.ChangeTracker.Clear();
            return (await Assert.ThrowsAsync<DomainException>(() => s.SaveAsync(lan with { UserId = userId }))).Message;
        }

        Assert.Equal(
            "Tài khoản gv.hung đã được gắn với giảng viên Phạm Văn Hùng. Một tài khoản chỉ gắn với một hồ sơ giảng viên; hãy bỏ gắn ở hồ sơ đó trước.",
            await Refusal(service, "gv.hung"));
        Assert.Equal(
            "Tài khoản gv.tayson thuộc trung tâm khác: chỉ gắn được tài khoản của trung tâm có hồ sơ giảng viên Lê Thị Lan.",
            await Refusal(service, "gv.tayson"));
        Assert.Equal("Tài khoản giaovu không có vai trò Giảng viên nên không gắn được với hồ sơ giảng viên.", await Refusal(service, "giaovu"));
        Assert.Equal("Không tìm thấy tài khoản được chọn.", await Refusal(service, "khong-co"));
        Assert.Equal(
            "Chỉ quản trị viên được gắn hoặc bỏ gắn tài khoản của giảng viên.",
            await Refusal(new LecturerService(db, new FixedUserScope(w.Mine)), "gv.lan"));

        // Nothing was written: Lan has no account, Hùng keeps his; staff still edit the rest of a linked record.
        db.ChangeTracker.Clear();
        Assert.Null((await service.GetAsync(w.LanId))!.UserId);
        var staff = new LecturerService(db, new FixedUserScope(w.Mine));
        await staff.SaveAsync((await staff.GetAsync(w.HungId))! with { Phone = "0912 345 678" });
        Assert.Equal(("gv.hung", "0912 345 678"), ((await service.GetAsync(w.HungId))!.UserId, (await service.GetAsync(w.HungId))!.Phone));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task From_the_account_side_a_lecturer_account_gets_one_record_of_its_centre_and_loses_it_with_the_role(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var admin = await factory.CreateUserAsync("admin", Roles.Administrator);
        var hungAccount = await factory.CreateUserAsync("gv.hung", Roles.Lecturer);
        var lanAccount = await factory.CreateUserAsync("gv.lan", Roles.Lecturer);
        int centreId, hungId, lanId;
        await using (var db = database.CreateContext())
        {
            centreId = await db.TrainingCentres.Select(c => c.Id).SingleAsync();
            hungId = (await ClassTestData.LecturerAsync(db, centreId, "Phạm", "Hùng", null)).Id;
            lanId = (await ClassTestData.LecturerAsync(db, centreId, "Lê", "Lan", lanAccount.Id)).Id;
        }

        UserEdit Edit(AppUser user, string role, int? lecturerId) => new(user.Id, user.UserName!, user.FullName, role, centreId, null, null, lecturerId);

        async Task<IReadOnlyList<string>> SaveAsync(UserEdit edit)
        {
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<AccountService>().SaveAsync(edit);
        }

        async Task<Dictionary<int, string?>> LinksAsync()
        {
            await using var db = database.CreateContext();
            return await db.Lecturers.ToDictionaryAsync(l => l.Id, l => l.UserId);
        }

        using (var scope = factory.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            Assert.Equal([hungId], (await accounts.LecturerChoicesAsync(hungAccount.Id)).Select(l => l.Id));
            Assert.Equal([hungId, lanId], (await accounts.LecturerChoicesAsync(lanAccount.Id)).Select(l => l.Id));
            Assert.Equal(lanId, (await accounts.GetForEditAsync(lanAccount.Id))!.LecturerId);
        }

        Assert.Empty(await SaveAsync(Edit(hungAccount, Roles.Lecturer, hungId)));
        Assert.Equal(hungAccount.Id, (await LinksAsync())[hungId]);

        // Lan's record is Lan's account's: Hùng's account cannot take it over.
        Assert.Equal(
            ["Hồ sơ giảng viên Lê Lan đã được gắn với tài khoản gv.lan. Một hồ sơ giảng viên chỉ gắn với một tài khoản; hãy bỏ gắn ở tài khoản đó trước."],
            await SaveAsync(Edit(hungAccount, Roles.Lecturer, lanId)));
        Assert.Equal(
            ["Tài khoản admin không có vai trò Giảng viên nên không gắn được với hồ sơ giảng viên."],
            await SaveAsync(Edit(admin, Roles.Administrator, hungId)));
        Assert.Equal(hungAccount.Id, (await LinksAsync())[hungId]);

        // Moving Lan's account to another record unlinks the old one; a role change away from Lecturer unlinks too.
        Assert.Empty(await SaveAsync(Edit(hungAccount, Roles.Lecturer, null)));
        Assert.Empty(await SaveAsync(Edit(lanAccount, Roles.Lecturer, hungId)));
        Assert.Equal(new Dictionary<int, string?> { [hungId] = lanAccount.Id, [lanId] = null }, await LinksAsync());
        Assert.Empty(await SaveAsync(Edit(lanAccount, Roles.CentreStaff, null)));
        Assert.All((await LinksAsync()).Values, Assert.Null);
    }
}
