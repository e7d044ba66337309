using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Import;
using DistrictTraining.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Import;

/// <summary>
/// A commune list as communes write it, through preview and confirm on real databases: position and unit in one cell,
/// a unit for the whole file, rows with only a bad date taken on request, skipped rows reported and downloaded to fix.
/// </summary>
public class RosterImportChoicesTests
{
    private static RosterImportService Service(AppDbContext db, int centreId) =>
        new(db, new FixedUserScope(centreId, UserId: "u1"), TimeProvider.System);

    /// <summary>A list titled by its Party committee, with "Đơn vị" holding position and unit, one bad date and one formula-like name.</summary>
    internal static object?[][] CommuneList() =>
    [
        ["ĐẢNG ỦY XÃ CÁT HANH"],
        ["DANH SÁCH HỌC VIÊN"],
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Quê quán"],
        [1, "Nguyễn Văn An", "05/03/1990", "Nam", "Dân quân thường trực, xã Cát Hanh", "Cát Hanh"],
        [2, "Trần Thị Bình", "12/07/1985", "Nữ", "Hội viên Hội Phụ nữ, xa cat tai", "Cát Tài"],
        [3, "Lê Văn Cường", "31/02/1978", "Nam", "Cát Hanh", "Cát Hanh"],
        [4, "Phạm Thị Dung", "01/01/1992", "Nữ", "Trưởng thôn, xã Không Có", "Cát Hanh"],
        [5, "Võ Văn =SUM(A1)", "01/01/1993", "Nam", "Cát Hanh", "=cmd|' /C calc'!A0"],
    ];

    private static async Task<(AppDbContext Db, int ClassId, int CentreId, int CatHanh, int CatTai)> WorldAsync(TestDatabase database)
    {
        var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var catHanh = await TestData.UnitAsync(db, "Xã Cát Hanh");
        var catTai = await TestData.UnitAsync(db, "Xã Cát Tài");
        return (db, c.Id, c.CentreId, catHanh.Id, catTai.Id);
    }

    [Theory]
    [InlineData(Provider.Sqlite, "xlsx")]
    [InlineData(Provider.PostgreSQL, "xlsx")]
    [InlineData(Provider.Sqlite, "xls")]
    [InlineData(Provider.PostgreSQL, "xls")]
    public async Task Position_and_unit_are_split_units_matched_loosely_and_the_file_unit_proposed_from_the_title(Provider provider, string format)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (db, classId, centreId, catHanh, catTai) = await WorldAsync(database);
        await using var _ = db;
        var bytes = format == "xls" ? XlsBuilder.FromGrid(CommuneList()) : XlsxBuilder.FromGrid(CommuneList());

        var preview = await Service(db, centreId).PreviewAsync(classId, new MemoryStream(bytes), bytes.Length, "ds." + format);

        Assert.Equal(format, preview.Format);
        Assert.Equal((catHanh, true), (preview.FileUnitId, preview.FileUnitProposed));
        var an = preview.Rows.Single(r => r.Sequence == "1");
        Assert.Equal((4, "Dân quân thường trực", "xã Cát Hanh", false), (an.RowNumber, an.Position, an.UnitName, an.UnitFromFile));
        var binh = preview.Rows.Single(r => r.Sequence == "2");
        Assert.Equal(("Hội viên Hội Phụ nữ", "xa cat tai", false), (binh.Position, binh.UnitName, binh.UnitFromFile));
        var dung = preview.Rows.Single(r => r.Sequence == "4");
        Assert.Equal(("Trưởng thôn", "xã Không Có", true), (dung.Position, dung.UnitName, dung.UnitFromFile));

        // Only the unit part of "Trưởng thôn, xã Không Có" is advised as missing, never the whole text.
        var unknown = Assert.Single(preview.UnknownUnits, u => !u.Name.Contains("Cát", StringComparison.Ordinal));
        Assert.Equal("xã Không Có", unknown.Name);
        Assert.DoesNotContain(preview.UnknownUnits, u => u.Name.Contains(',', StringComparison.Ordinal));

        var cuong = preview.Rows.Single(r => r.Sequence == "3");
        Assert.Equal(ImportRowKind.Error, cuong.Kind);
        Assert.True(cuong.CanTakeWithoutDates);
        var vo = preview.Rows.Single(r => r.Sequence == "5");
        Assert.Equal(ImportRowKind.Error, vo.Kind);
        Assert.False(vo.CanTakeWithoutDates);

        // Confirmed with the proposed unit and the bad-date row taken: the unit is the row's own, else the file's.
        var service = Service(db, centreId);
        var outcome = await service.ConfirmAsync(classId, preview.Token, [], new ImportChoices(catHanh, [cuong.RowNumber]));
        Assert.Equal(new ImportOutcome(4, 4, 0, 1), outcome);

        await using var check = database.CreateContext();
        var people = await check.Trainees.OrderBy(t => t.Id).ToDictionaryAsync(t => t.GivenName);
        Assert.Equal(("Dân quân thường trực", catHanh), (people["An"].Position, people["An"].UnitId));
        Assert.Equal(("Hội viên Hội Phụ nữ", catTai), (people["Bình"].Position, people["Bình"].UnitId));
        Assert.Equal(((string?)null, catHanh, (DateOnly?)null), (people["Cường"].Position, people["Cường"].UnitId, people["Cường"].DateOfBirth));
        Assert.Equal(("Trưởng thôn", catHanh), (people["Dung"].Position, people["Dung"].UnitId));
        Assert.Equal(catHanh, (await check.Enrolments.SingleAsync(e => e.TraineeId == people["Dung"].Id)).UnitId);
        Assert.DoesNotContain(people.Values, t => t.FullName.Contains('=', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Skipped_rows_are_reported_with_reasons_and_downloaded_as_rows_to_fix_in_the_lists_own_columns(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (db, classId, centreId, catHanh, _) = await WorldAsync(database);
        await using var __ = db;
        var bytes = XlsxBuilder.FromGrid(CommuneList());
        var service = Service(db, centreId);
        var preview = await service.PreviewAsync(classId, new MemoryStream(bytes), bytes.Length, "ds.xlsx", fileUnitId: catHanh);
        Assert.False(preview.FileUnitProposed);

        // The bad-date row is not ticked: it is skipped like the formula-like name.
        var outcome = await service.ConfirmAsync(classId, preview.Token, [], new ImportChoices(catHanh));
        Assert.Equal(new ImportOutcome(3, 3, 0, 2), outcome);
        Assert.Null(await service.ReloadAsync(classId, preview.Token));
        await Assert.ThrowsAsync<DomainException>(() => service.ConfirmAsync(classId, preview.Token, []));

        var report = (await service.SkippedAsync(classId, preview.Token))!;
        Assert.Equal([("3", 6), ("5", 8)], report.Rows.Select(r => (r.Sequence, r.RowNumber)));
        Assert.Contains("Ngày sinh", report.Rows[0].Reason, StringComparison.Ordinal);
        Assert.Contains("không được bắt đầu bằng dấu =", report.Rows[1].Reason, StringComparison.Ordinal);

        await using var file = (await service.RowsToFixAsync(classId, preview.Token))!;
        var sheet = ReadSheet(file.Stream);
        var header = sheet.FindIndex(r => r.FirstOrDefault() == "STT");
        Assert.Equal(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Quê quán", "Lý do cần sửa", "Dòng ở tệp gốc"], sheet[header]);
        Assert.Equal(["3", "Lê Văn Cường", "31/02/1978", "Nam", "Cát Hanh", "Cát Hanh"], sheet[header + 1].Take(6));
        Assert.Equal("6", sheet[header + 1][7]);
        Assert.Equal(["5", "Võ Văn =SUM(A1)", "01/01/1993", "Nam", "Cát Hanh", "=cmd|' /C calc'!A0"], sheet[header + 2].Take(6));
        Assert.Equal(header + 3, sheet.Count);

        // Another user of the centre cannot read the report.
        var stranger = new RosterImportService(db, new FixedUserScope(centreId, UserId: "u2"), TimeProvider.System);
        Assert.Null(await stranger.SkippedAsync(classId, preview.Token));
        Assert.Null(await stranger.RowsToFixAsync(classId, preview.Token));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Long_fields_are_refused_not_truncated_and_a_unit_chosen_from_outside_the_catalogue_is_refused(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (db, classId, centreId, _, _) = await WorldAsync(database);
        await using var __ = db;
        var note = new string('x', 1001);
        var bytes = XlsxBuilder.FromGrid(["Họ và tên", "Năm sinh", "Ghi chú"], ["Hồ Văn Dài", 1980, note], ["Hồ Văn Ngắn", 1981, "ok"]);
        var service = Service(db, centreId);

        await Assert.ThrowsAsync<DomainException>(() => service.PreviewAsync(classId, new MemoryStream(bytes), bytes.Length, "ds.xlsx", fileUnitId: 999_999));
        var preview = await service.PreviewAsync(classId, new MemoryStream(bytes), bytes.Length, "ds.xlsx");
        Assert.Equal(["Ghi chú không được dài quá 1000 ký tự."], preview.Rows[0].Errors);
        Assert.Equal(new ImportOutcome(1, 1, 0, 1), await service.ConfirmAsync(classId, preview.Token, []));
        Assert.Equal("Hồ Văn Ngắn", (await db.Trainees.SingleAsync()).FullName);
    }

    /// <summary>The sheet's cells as text, row by row; fails if any cell holds a formula or is not a text cell.</summary>
    private static List<List<string>> ReadSheet(Stream stream)
    {
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var part = document.WorkbookPart!.WorksheetParts.Single();
        var rows = new List<List<string>>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                Assert.Null(cell.CellFormula);
                var text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                    : cell.DataType?.Value == CellValues.SharedString ? document.WorkbookPart.SharedStringTablePart!.SharedStringTable.ElementAt(int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText
                    : cell.CellValue?.Text ?? string.Empty;
                if (text.StartsWith('='))
                {
                    Assert.Equal(CellValues.InlineString, cell.DataType!.Value);
                }

                cells.Add(text);
            }

            if (cells.Any(c => c.Length > 0))
            {
                rows.Add(cells);
            }
        }

        return rows;
    }
}
