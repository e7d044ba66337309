using System.IO.Compression;
using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Organisation;

public class UnitImportServiceTests
{
    private static readonly DateOnly LastDay = new(2025, 6, 30);

    private static readonly object?[] Header = ["STT", "Mã", "Tên đơn vị", "Loại", "Đơn vị cấp trên", "Hiệu lực từ", "Hiệu lực đến"];

    private static UnitImportService Service(TestDatabase database, AppDbContext db) =>
        new(db, new FixedUserScope(null, IsAdministrator: true, UserId: "quantri"), TimeProvider.System);

    private static async Task SeedAsync(AppDbContext db)
    {
        var province = new OrganisationUnit { Code = "52", Name = "Tỉnh Gia Lai", Kind = UnitKind.Province };
        db.OrganisationUnits.Add(province);
        db.OrganisationUnits.Add(new OrganisationUnit { Code = "540", Name = "Huyện Phù Cát", Kind = UnitKind.District, Parent = province, ValidTo = LastDay });
        await db.SaveChangesAsync();
    }

    /// <summary>A sheet the way people make them: a title above the table, a blank line, a signature under it.</summary>
    private static byte[] MixedSheet() => TestWorkbook.Build(
        [null, "DANH SÁCH ĐƠN VỊ"],
        [],
        Header,
        [1, 52, "Tỉnh Gia Lai", "Tỉnh", null, null, null],                                   // 4: already there (code 52, as a number)
        [2, "21610", "Xã Cát Hanh", "Xã", "Huyện Phù Cát", null, LastDay],                    // 5: new, parent by name
        [3, null, "Chi bộ thôn Hòa Hội", "Chi bộ", "21610", null, null],                      // 6: new, parent is line 5 by code
        [4, null, null, "Xã", "Huyện Phù Cát", null, null],                                    // 7: no name
        [5, null, "Làng Cổ", "Làng", null, null, null],                                         // 8: unknown kind
        [6, null, "Xã Mồ Côi", "Xã", "Huyện Không Có", null, null],                             // 9: unknown parent
        [7, null, "Chi bộ thôn Mồ Côi", "Chi bộ", "Xã Mồ Côi", null, null],                     // 10: parent line is in error
        [8, null, "Phường Nhơn Bình", null, "52", "01/07/2025", null],                          // 11: kind from the name, dates as text
        [9, null, "Xã Ngày Sai", "Xã", "52", "31/02/2025", null],                               // 12: no such day
        [10, "21610", "Xã Cát Hanh", "Xã", "Huyện Phù Cát", null, LastDay],                   // 13: twice in the file
        [],
        [null, null, "Người lập biểu"]);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_preview_says_for_each_line_new_already_there_or_why_not(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        await SeedAsync(db);

        var preview = await Service(database, db).UploadAsync(new MemoryStream(MixedSheet()), "don-vi.xlsx");

        Assert.Equal("don-vi.xlsx", preview.FileName);
        var byRow = preview.Rows.ToDictionary(r => r.RowNumber);
        Assert.Equal([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15], byRow.Keys.Order());
        Assert.Equal(ImportRowStatus.Exists, byRow[4].Status);
        Assert.Equal(ImportRowStatus.New, byRow[5].Status);
        Assert.Equal(LastDay, byRow[5].ValidTo);
        Assert.Equal(ImportRowStatus.New, byRow[6].Status);
        Assert.Equal("Thiếu tên đơn vị.", byRow[7].Message);
        Assert.StartsWith("Loại đơn vị “Làng” không rõ", byRow[8].Message);
        Assert.Equal("Không tìm thấy đơn vị cấp trên “Huyện Không Có” trên hệ thống hay trong tệp.", byRow[9].Message);
        Assert.Equal("Đơn vị cấp trên ở dòng 9 bị lỗi.", byRow[10].Message);
        Assert.Equal(ImportRowStatus.New, byRow[11].Status);
        Assert.Equal("Phường", byRow[11].Kind);
        Assert.Equal(new DateOnly(2025, 7, 1), byRow[11].ValidFrom);
        Assert.Equal("Cột “Hiệu lực từ”: “31/02/2025” không phải là ngày (ghi dạng dd/mm/yyyy).", byRow[12].Message);
        Assert.Equal("Trùng với dòng 5.", byRow[13].Message);
        Assert.Equal(ImportRowStatus.Error, byRow[15].Status); // the signature line has a name but nothing else fits
        Assert.Equal((3, 1), (preview.NewCount, preview.ExistingCount));

        // Nothing is written before the confirmation.
        Assert.Equal(2, await db.OrganisationUnits.CountAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_confirmation_adds_every_new_unit_with_its_parent_then_forgets_the_upload(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        string token;
        await using (var db = database.CreateContext())
        {
            await SeedAsync(db);
            token = (await Service(database, db).UploadAsync(new MemoryStream(MixedSheet()), "don-vi.xlsx")).Token;
        }

        await using (var db = database.CreateContext())
        {
            Assert.Equal(3, await Service(database, db).CommitAsync(token));
            var ex = await Assert.ThrowsAsync<DomainException>(() => Service(database, db).CommitAsync(token));
            Assert.Contains("đã hết hạn hoặc đã được xác nhận", ex.Message);
        }

        await using (var db = database.CreateContext())
        {
            var units = await db.OrganisationUnits.Include(u => u.Parent).ToDictionaryAsync(u => u.Name);
            Assert.Equal(5, units.Count);
            Assert.Equal(("21610", UnitKind.Commune, "Huyện Phù Cát", (DateOnly?)LastDay), (units["Xã Cát Hanh"].Code, units["Xã Cát Hanh"].Kind, units["Xã Cát Hanh"].Parent!.Name, units["Xã Cát Hanh"].ValidTo));
            Assert.Equal("Xã Cát Hanh", units["Chi bộ thôn Hòa Hội"].Parent!.Name);
            Assert.Equal(UnitKind.PartyCell, units["Chi bộ thôn Hòa Hội"].Kind);
            Assert.Equal((UnitKind.Ward, "Tỉnh Gia Lai"), (units["Phường Nhơn Bình"].Kind, units["Phường Nhơn Bình"].Parent!.Name));
            Assert.Equal(5, await db.AuditEntries.CountAsync(a => a.EntityType == "OrganisationUnit" && a.Action == AuditAction.Created));
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Cancelling_writes_nothing_and_the_confirmation_checks_again(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        await SeedAsync(db);
        var service = Service(database, db);
        var sheet = TestWorkbook.Build(Header, [1, null, "Xã Cát Tài", "Xã", "Huyện Phù Cát"], [2, null, "Xã Cát Minh", "Xã", "Huyện Phù Cát"]);

        var cancelled = await service.UploadAsync(new MemoryStream(sheet), "a.xlsx");
        await service.CancelAsync(cancelled.Token);
        await Assert.ThrowsAsync<DomainException>(() => service.CommitAsync(cancelled.Token));
        await Assert.ThrowsAsync<DomainException>(() => service.PreviewAsync(cancelled.Token));
        Assert.Equal(2, await db.OrganisationUnits.CountAsync());

        // Someone adds Cát Tài between the preview and the confirmation: only Cát Minh is new by then.
        var kept = await service.UploadAsync(new MemoryStream(sheet), "b.xlsx");
        Assert.Equal(2, kept.NewCount);
        db.OrganisationUnits.Add(new OrganisationUnit { Name = "Xã Cát Tài", Kind = UnitKind.Commune });
        await db.SaveChangesAsync();
        Assert.Equal(1, (await service.PreviewAsync(kept.Token)).NewCount);
        Assert.Equal(1, await service.CommitAsync(kept.Token));
        Assert.Equal(1, await db.OrganisationUnits.CountAsync(u => u.Name == "Xã Cát Tài"));
        Assert.Equal(4, await db.OrganisationUnits.CountAsync());
    }

    [Fact]
    public async Task Unreadable_empty_and_oversized_files_are_refused_in_Vietnamese()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var db = database.CreateContext();
        var service = Service(database, db);

        async Task<string> Refusal(byte[] bytes, string name) =>
            (await Assert.ThrowsAsync<DomainException>(() => service.UploadAsync(new MemoryStream(bytes), name))).Message;

        // The same guarded reader, and so the same messages, as the roster and score imports.
        Assert.StartsWith("Tệp không phải bảng tính Excel .xlsx", await Refusal("not a zip"u8.ToArray(), "cu.xls"));
        Assert.StartsWith("Tệp là định dạng Excel cũ (.xls)", await Refusal([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "cu.xls"));
        Assert.Matches("^Tệp .*\\.xlsx", await Refusal(ZipWithOneFile(), "word.xlsx"));
        Assert.Equal("Tệp tải lên trống.", await Refusal([], "trong.xlsx"));
        Assert.Equal("Tệp lớn hơn 10 MB. Vui lòng chia nhỏ danh sách rồi nhập từng tệp.",
            await Refusal(new byte[UnitImportService.MaxFileBytes + 1], "lon.xlsx"));
        Assert.StartsWith("Không tìm thấy dòng tiêu đề có cột “Tên đơn vị”",
            await Refusal(TestWorkbook.Build(["Họ và tên", "Ngày sinh"], ["Nguyễn Văn An", "01/01/1990"]), "hoc-vien.xlsx"));
        await using (var check = database.CreateContext())
        {
            Assert.False(await check.PendingUploads.AnyAsync(), "A refused upload must not be kept.");
        }
    }

    [Fact]
    public async Task The_template_reads_back_as_an_empty_import()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var db = database.CreateContext();
        var preview = await Service(database, db).UploadAsync(new MemoryStream(UnitImportService.Template()), "mau.xlsx");
        Assert.Empty(preview.Rows);
    }

    private static byte[] ZipWithOneFile()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            writer.Write("<w:document/>");
        }

        return stream.ToArray();
    }
}
