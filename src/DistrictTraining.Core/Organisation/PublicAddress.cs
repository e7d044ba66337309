using System.Net;
using System.Net.Sockets;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Organisation;

/// <summary>What kind of address a centre's public address is, as seen by a phone outside the office.</summary>
public enum PublicAddressKind
{
    Missing = 0,
    Invalid = 1,

    /// <summary>localhost, 127.x, ::1: only the machine the portal runs on.</summary>
    Loopback = 2,

    /// <summary>10.x, 172.16–31.x, 192.168.x, 169.254.x, fc00::/7, fe80::/10, *.local or a bare machine name: only the office network.</summary>
    Private = 3,

    Public = 4,
}

/// <summary>
/// The centre's public address: the absolute http(s) address at which anyone reaches the portal, printed
/// in every certificate's QR code and verification link. Rules kept apart from the database and the web.
/// </summary>
public static class PublicAddress
{
    public const int MaxLength = 200;

    public const string InvalidMessage =
        "Địa chỉ công khai phải là địa chỉ web đầy đủ, bắt đầu bằng http:// hoặc https:// (ví dụ https://trungtam.example.vn), không có dấu ? hoặc #.";

    /// <summary>
    /// The address as stored: trimmed, lower-case scheme and host, without a trailing slash; null when
    /// empty. Refuses anything but an absolute http/https address without user name, query or fragment.
    /// </summary>
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength || !TryParse(trimmed, out var uri))
        {
            throw new DomainException(InvalidMessage);
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        return $"{uri.Scheme}://{uri.Authority}{path}";
    }

    public static PublicAddressKind Classify(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return PublicAddressKind.Missing;
        }

        if (!TryParse(address.Trim(), out var uri))
        {
            return PublicAddressKind.Invalid;
        }

        var host = uri.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return PublicAddressKind.Loopback;
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            return IPAddress.IsLoopback(ip) ? PublicAddressKind.Loopback
                : IsPrivate(ip) ? PublicAddressKind.Private
                : PublicAddressKind.Public;
        }

        // mDNS names and bare machine names resolve only inside the office network.
        return host.EndsWith(".local", StringComparison.OrdinalIgnoreCase) || !host.Contains('.', StringComparison.Ordinal)
            ? PublicAddressKind.Private
            : PublicAddressKind.Public;
    }

    /// <summary>Why a phone outside the office cannot open certificates printed with this address, or null when it can.</summary>
    public static string? Warning(string? address) => Classify(address) switch
    {
        PublicAddressKind.Missing =>
            "Trung tâm chưa khai báo địa chỉ công khai: mã QR trên giấy chứng nhận sẽ mang địa chỉ của máy đang mở trang này, điện thoại ở ngoài cơ quan có thể không mở được.",
        PublicAddressKind.Invalid => InvalidMessage,
        PublicAddressKind.Loopback =>
            $"Địa chỉ {address} chỉ mở được trên chính máy chủ (localhost, 127.x, ::1): điện thoại quét mã QR sẽ không mở được trang tra cứu.",
        PublicAddressKind.Private =>
            $"Địa chỉ {address} là địa chỉ mạng nội bộ (10.x, 172.16–31.x, 192.168.x, .local hoặc tên máy): điện thoại ở ngoài cơ quan không mở được trang tra cứu.",
        _ => null,
    };

    private static bool TryParse(string text, out Uri uri)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            && parsed.Scheme is "http" or "https"
            && parsed.Host.Length > 0
            && parsed.UserInfo.Length == 0
            && parsed.Query.Length == 0
            && parsed.Fragment.Length == 0
            && !text.Contains('?', StringComparison.Ordinal)
            && !text.Contains('#', StringComparison.Ordinal))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    private static bool IsPrivate(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = ip.GetAddressBytes();
            return b[0] == 10
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || b[0] == 0;
        }

        return ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal;
    }
}
