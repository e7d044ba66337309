using DistrictTraining.Core.Common;
using DistrictTraining.Core.Organisation;

namespace DistrictTraining.Tests.Organisation;

/// <summary>The centre's public address on its own: what is accepted, and what a phone outside the office can open.</summary>
public class PublicAddressTests
{
    [Theory]
    [InlineData(null, PublicAddressKind.Missing)]
    [InlineData("  ", PublicAddressKind.Missing)]
    [InlineData("trungtam.example.vn", PublicAddressKind.Invalid)]
    [InlineData("ftp://trungtam.example.vn", PublicAddressKind.Invalid)]
    [InlineData("https://trungtam.example.vn/?a=1", PublicAddressKind.Invalid)]
    [InlineData("http://localhost:5000", PublicAddressKind.Loopback)]
    [InlineData("http://LOCALHOST", PublicAddressKind.Loopback)]
    [InlineData("http://app.localhost", PublicAddressKind.Loopback)]
    [InlineData("http://127.0.0.1:5123", PublicAddressKind.Loopback)]
    [InlineData("http://127.8.9.10", PublicAddressKind.Loopback)]
    [InlineData("http://[::1]:8080", PublicAddressKind.Loopback)]
    [InlineData("http://10.0.0.5", PublicAddressKind.Private)]
    [InlineData("http://172.16.0.1", PublicAddressKind.Private)]
    [InlineData("http://172.31.255.254:8080", PublicAddressKind.Private)]
    [InlineData("http://192.168.1.20", PublicAddressKind.Private)]
    [InlineData("http://169.254.10.1", PublicAddressKind.Private)]
    [InlineData("http://[fd12:3456::1]", PublicAddressKind.Private)]
    [InlineData("http://maychu-trungtam.local", PublicAddressKind.Private)]
    [InlineData("http://maychu", PublicAddressKind.Private)]
    [InlineData("http://172.32.0.1", PublicAddressKind.Public)]
    [InlineData("http://172.15.0.1", PublicAddressKind.Public)]
    [InlineData("http://11.0.0.1", PublicAddressKind.Public)]
    [InlineData("https://ttct.cathanh.gov.vn", PublicAddressKind.Public)]
    [InlineData("https://203.113.10.5:8443/cong", PublicAddressKind.Public)]
    public void Addresses_are_told_apart_by_who_can_reach_them(string? address, PublicAddressKind expected)
    {
        Assert.Equal(expected, PublicAddress.Classify(address));
        Assert.Equal(expected == PublicAddressKind.Public, PublicAddress.Warning(address) is null);
    }

    [Fact]
    public void Warnings_say_why_in_Vietnamese()
    {
        Assert.Contains("chưa khai báo địa chỉ công khai", PublicAddress.Warning(null));
        Assert.Contains("chỉ mở được trên chính máy chủ", PublicAddress.Warning("http://127.0.0.1:5000"));
        Assert.Contains("http://127.0.0.1:5000", PublicAddress.Warning("http://127.0.0.1:5000"));
        Assert.Contains("mạng nội bộ", PublicAddress.Warning("http://192.168.1.20"));
        Assert.Contains("bắt đầu bằng http:// hoặc https://", PublicAddress.Warning("trungtam.example.vn"));
    }

    [Theory]
    [InlineData(" https://TTCT.CatHanh.gov.vn/ ", "https://ttct.cathanh.gov.vn")]
    [InlineData("http://ttct.example.vn:8080/cong/", "http://ttct.example.vn:8080/cong")]
    [InlineData("https://ttct.example.vn:443", "https://ttct.example.vn")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void An_address_is_stored_in_one_form(string? typed, string? stored) =>
        Assert.Equal(stored, PublicAddress.Normalise(typed));

    [Theory]
    [InlineData("ttct.example.vn")]
    [InlineData("/Verify")]
    [InlineData("mailto:ttct@example.vn")]
    [InlineData("https://user:pass@ttct.example.vn")]
    [InlineData("https://ttct.example.vn/#top")]
    [InlineData("https://ttct.example.vn/?q=1")]
    public void Anything_but_an_absolute_http_address_is_refused(string typed) =>
        Assert.Equal(PublicAddress.InvalidMessage, Assert.Throws<DomainException>(() => PublicAddress.Normalise(typed)).Message);
}
