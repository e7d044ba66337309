using System.Globalization;

namespace DistrictTraining.Core.Common;

/// <summary>
/// Timestamps are stored in UTC and shown, and "today" is decided, in Vietnam time, whatever the server's
/// zone: UTC+7 all year (Vietnam keeps no daylight saving), so no time-zone database is needed.
/// </summary>
public static class VietnamTime
{
    public static DateTime FromUtc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(7);

    /// <summary>Today's Vietnamese calendar day.</summary>
    public static DateOnly Today => DateOfUtc(DateTime.UtcNow);

    /// <summary>The Vietnamese calendar day of a UTC moment.</summary>
    public static DateOnly DateOfUtc(DateTime utc) => DateOnly.FromDateTime(FromUtc(utc));

    public static string Format(DateTime utc) => FromUtc(utc).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
}
