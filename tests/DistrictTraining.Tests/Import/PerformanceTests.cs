using System.Globalization;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Tests.Import;

public class PerformanceTests
{
    [Fact]
    public void Five_thousand_rows_are_all_read()
    {
        string[] families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"];
        string[] givens = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Khánh", "Linh", "Minh", "Ngọc", "Phúc", "Quang"];
        var builder = new XlsxBuilder();
        var sheet = builder.Sheet("Danh sách")
            .Row(1, "DANH SÁCH HỌC VIÊN")
            .Row(3, "STT", "Họ và tên", "Ngày, tháng, năm sinh", null, "Số CCCD", "Dân tộc", "Đơn vị")
            .Row(4, null, null, "Nam", "Nữ")
            .Merge("A1:G1", "A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:F4", "G3:G4");
        for (var i = 0; i < 5000; i++)
        {
            var male = i % 2 == 0;
            var birth = new DateOnly(1960, 1, 1).AddDays(i * 3);
            var name = $"{families[i % families.Length]} Văn {givens[i % givens.Length]}";
            var cccd = "0010" + (birth.Year % 100).ToString("00", CultureInfo.InvariantCulture) + i.ToString("000000", CultureInfo.InvariantCulture);
            cccd = cccd[..3] + (male ? (birth.Year < 2000 ? "0" : "2") : (birth.Year < 2000 ? "1" : "3")) + cccd[4..];
            object dob = i % 3 == 0 ? X.Date(birth) : birth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            sheet.Row(i + 5, i + 1, name, male ? dob : null, male ? null : dob, cccd, "Kinh", $"Chi bộ thôn {(i % 40) + 1}");
        }

        var result = RosterTestSupport.ReadOk(builder.Build());

        Assert.Equal(5000, result.Rows.Count);
        Assert.Equal(5, result.Rows[0].RowNumber);
        Assert.Equal(5004, result.Rows[^1].RowNumber);
        Assert.All(result.Rows, r => Assert.Empty(r.Errors));
        Assert.All(result.Rows, r => Assert.Empty(r.Warnings));
        Assert.Equal(2500, result.Rows.Count(r => r.Sex == Sex.Female));
        Assert.Equal(new DateOnly(1960, 1, 1).AddDays(4999 * 3), result.Rows[^1].DateOfBirth!.Value.Date);
    }
}
