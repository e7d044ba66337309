using DistrictTraining.Core.Common;
using DistrictTraining.Core.Import;

namespace DistrictTraining.Tests.Import;

/// <summary>Old-format lists (.xls, BIFF8) read into the same rows as .xlsx, behind the same budgets.</summary>
public class XlsReadingTests
{
    private static readonly object?[][] Grid =
    [
        ["ĐẢNG ỦY XÃ CÁT HANH"],
        [],
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Đơn vị"],
        [1, "Nguyễn Văn An", new DateOnly(1990, 3, 5), "Nam", 1090012345d, "Dân quân thường trực, xã Cát Hanh"],
        [2, "Trần Thị Bình", "12/07/1985", "Nữ", "052185001234", "Xã Cát Tài"],
        [3, "Lê Văn Cường", 1978, "Nam", null, null],
        [4, "Phạm Thị Dung", "31/02/1992", "Nữ", null, null],
    ];

    private static object?[] Xlsx(object?[] row) => row.Select(v => v switch
    {
        DateOnly d => X.Date(d),
        double n => X.Num(n),
        _ => v,
    }).ToArray();

    [Fact]
    public void An_xls_list_reads_into_the_same_rows_as_the_same_list_saved_as_xlsx()
    {
        var xls = RosterTestSupport.ReadOk(XlsBuilder.FromGrid(Grid));
        var xlsx = RosterTestSupport.ReadOk(XlsxBuilder.FromGrid(Grid.Select(Xlsx).ToArray()));

        Assert.Equal("xls", xls.Format);
        Assert.Equal("xlsx", xlsx.Format);
        Assert.Equal(4, xls.Rows.Count);
        Assert.Equal(xlsx.RecognisedColumns, xls.RecognisedColumns);
        Assert.Equal(xlsx.TitleLines, xls.TitleLines);
        for (var i = 0; i < xls.Rows.Count; i++)
        {
            var (a, b) = (xls.Rows[i], xlsx.Rows[i]);
            Assert.Equal(
                (b.RowNumber, b.Sequence, b.FullName, b.Sex, b.DateOfBirth, b.Cccd, b.UnitName),
                (a.RowNumber, a.Sequence, a.FullName, a.Sex, a.DateOfBirth, a.Cccd, a.UnitName));
            Assert.Equal(b.Errors, a.Errors);
        }

        Assert.Equal(PartialDate.Full(new DateOnly(1990, 3, 5)), xls.Rows[0].DateOfBirth);
        Assert.Equal("001090012345", xls.Rows[0].Cccd);
        Assert.Equal(PartialDate.OfYear(1978), xls.Rows[2].DateOfBirth);
        Assert.True(xls.Rows[3].CanTakeWithoutDates);
    }

    [Fact]
    public void Merged_two_row_headers_of_an_xls_are_understood()
    {
        var builder = new XlsBuilder();
        builder.Sheet("Danh sách")
            .Row(1, "TT", "Họ và tên", "Ngày sinh")
            .Row(2, null, null, "Nam", "Nữ")
            .Row(3, 1, "Đinh Văn Tám", new DateOnly(1980, 1, 2), null)
            .Row(4, 2, "Đinh Thị Chín", null, "03/04/1985")
            .Merge(1, 1, 2, 1).Merge(1, 2, 2, 2).Merge(1, 3, 1, 4);

        var result = RosterTestSupport.ReadOk(builder.Build());

        Assert.Equal("Danh sách", result.SheetName);
        Assert.Equal((Sex.Male, PartialDate.Full(new DateOnly(1980, 1, 2))), (result.Rows[0].Sex, result.Rows[0].DateOfBirth));
        Assert.Equal((Sex.Female, PartialDate.Full(new DateOnly(1985, 4, 3))), (result.Rows[1].Sex, result.Rows[1].DateOfBirth));
    }

    [Fact]
    public void An_xls_is_held_to_the_same_row_and_time_budgets()
    {
        var rows = new List<object?[]> { new object?[] { "Họ và tên", "Năm sinh" } };
        rows.AddRange(Enumerable.Range(1, 30).Select(i => new object?[] { $"Người Thứ {new string('A', 1 + (i % 5))}", 1980 + (i % 20) }));
        var bytes = XlsBuilder.FromGrid([.. rows]);

        var tooMany = RosterTestSupport.Read(bytes, RosterReadLimits.Default with { MaxRows = 10 });
        Assert.Equal(RosterRefusal.TooManyRows, tooMany.Refusal);
        Assert.Contains("tối đa 10 dòng", tooMany.RefusalMessage, StringComparison.Ordinal);

        var tooSlow = RosterTestSupport.Read(bytes, RosterReadLimits.Default with { MaxReadTime = TimeSpan.Zero });
        Assert.Equal(RosterRefusal.TooSlow, tooSlow.Refusal);

        var tooLarge = RosterTestSupport.Read(bytes, RosterReadLimits.Default with { MaxFileBytes = bytes.Length - 1 });
        Assert.Equal(RosterRefusal.TooLarge, tooLarge.Refusal);
    }
}
