using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Infrastructure;

namespace DistrictTraining.Tests.Lecturers;

public class LecturerServiceTests
{
    private static async Task<(int Mine, int Theirs)> TwoCentresAsync(AppDbContext db)
    {
        var mine = new TrainingCentre { Name = "Trung tâm Chính trị Phù Cát" };
        var theirs = new TrainingCentre { Name = "Trung tâm Chính trị Tây Sơn" };
        db.TrainingCentres.AddRange(mine, theirs);
        await db.SaveChangesAsync();
        return (mine.Id, theirs.Id);
    }

    private static LecturerEdit New(string family, string? middle, string given, LecturerKind kind = LecturerKind.PartTime, bool active = true) =>
        new(null, family, middle, given, kind, "Phó Bí thư Đảng ủy xã", "Đảng ủy xã Cát Hanh", "0256 3850 123", active);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Lecturers_are_listed_in_Vietnamese_name_order_searched_and_filtered(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var (mine, _) = await TwoCentresAsync(db);
        var service = new LecturerService(db, new FixedUserScope(mine));
        await service.SaveAsync(New("Trần", "Văn", "Bình", LecturerKind.FullTime));
        await service.SaveAsync(New("Nguyễn", "Văn", "An"));
        await service.SaveAsync(New("Đặng", "Thị", "Ánh", LecturerKind.FullTime));
        await service.SaveAsync(New("Lê", "Thị", "Ân"));
        await service.SaveAsync(New("Đỗ", null, "An", active: false));
        // Typed with decomposed (NFD) letters, as some keyboards send them.
        await service.SaveAsync(New("Pha\u0323m", "\u0110u\u031B\u0301c", "  \u0110u\u031B\u0301c "));

        async Task<List<string>> Names(LecturerFilter filter) => (await service.ListAsync(filter)).Items.Select(l => l.FullName).ToList();

        Assert.Equal(["Nguyễn Văn An", "Đặng Thị Ánh", "Lê Thị Ân", "Trần Văn Bình", "Phạm Đức Đức"], await Names(new LecturerFilter()));
        Assert.Equal(["Đỗ An", "Nguyễn Văn An", "Đặng Thị Ánh", "Lê Thị Ân", "Trần Văn Bình", "Phạm Đức Đức"], await Names(new LecturerFilter(Active: null)));
        Assert.Equal(["Đỗ An"], await Names(new LecturerFilter(Active: false)));
        Assert.Equal(["Đặng Thị Ánh", "Trần Văn Bình"], await Names(new LecturerFilter(Kind: LecturerKind.FullTime)));
        Assert.Equal(["Nguyễn Văn An"], await Names(new LecturerFilter("nguyen van an")));
        Assert.Equal(["Đặng Thị Ánh"], await Names(new LecturerFilter("DANG")));
        Assert.Equal(["Phạm Đức Đức"], await Names(new LecturerFilter("đức")));

        var page = await service.ListAsync(new LecturerFilter(Active: null, Page: 2, PageSize: 4));
        Assert.Equal((2, 2, 6), (page.Page, page.PageCount, page.TotalCount));
        Assert.Equal(["Trần Văn Bình", "Phạm Đức Đức"], page.Items.Select(l => l.FullName));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Another_centres_lecturers_can_be_neither_seen_nor_changed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var (mine, theirs) = await TwoCentresAsync(db);
        var ours = new LecturerService(db, new FixedUserScope(mine));
        var other = new LecturerService(db, new FixedUserScope(theirs));
        var id = await ours.SaveAsync(New("Nguyễn", "Văn", "An"));
        await other.SaveAsync(New("Võ", "Thị", "Sáu"));

        Assert.Equal(["Nguyễn Văn An"], (await ours.ListAsync(new LecturerFilter())).Items.Select(l => l.FullName));
        Assert.Equal(["Võ Thị Sáu"], (await other.ListAsync(new LecturerFilter())).Items.Select(l => l.FullName));
        Assert.Null(await other.GetAsync(id));
        var ex = await Assert.ThrowsAsync<DomainException>(() => other.SaveAsync(New("Nguyễn", "Văn", "Ăn") with { Id = id }));
        Assert.Equal("Không tìm thấy giảng viên.", ex.Message);
        Assert.Equal("An", (await ours.GetAsync(id))!.GivenName);

        var edited = (await ours.GetAsync(id))! with { Kind = LecturerKind.FullTime, Position = "Giảng viên chuyên trách", Phone = " " };
        await ours.SaveAsync(edited);
        var saved = (await ours.GetAsync(id))!;
        Assert.Equal((LecturerKind.FullTime, "Giảng viên chuyên trách", (string?)null), (saved.Kind, saved.Position, saved.Phone));

        var nobody = new LecturerService(db, new FixedUserScope(null, AllCentres: true, CanEdit: false));
        await Assert.ThrowsAsync<DomainException>(() => nobody.SaveAsync(New("Lê", null, "Lợi")));
    }
}
