using System.Globalization;

namespace DistrictTraining.Core.Common;

/// <summary>
/// Timestamps are stored in UTC and shown, and "today" is decided, in Vietnam time, whatever the server's
/// zone: UTC+7 all year (Vietnam keeps no daylight saving), so no time-zone database is needed.
/// "Now" comes from the injected <see cref="TimeProvider"/> (tests set it), never from a static clock.
/// </summary>
public static class VietnamTime
{
    public static DateTime FromUtc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(7);

    /// <summary>The Vietnamese calendar day of a UTC moment.</summary>
    public static DateOnly DateOfUtc(DateTime utc) => DateOnly.FromDateTime(FromUtc(utc));

    public static string Format(DateTime utc) => FromUtc(utc).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Today's Vietnamese calendar day by <paramref name="clock"/>: the one place the portal decides "today".</summary>
    public static DateOnly VietnamToday(this TimeProvider clock) => DateOfUtc(clock.GetUtcNow().UtcDateTime);
}
