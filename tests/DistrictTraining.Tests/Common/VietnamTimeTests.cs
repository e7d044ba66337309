using DistrictTraining.Core.Common;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Common;

public class VietnamTimeTests
{
    [Theory]
    [InlineData("2025-12-31T16:59:59Z", "2025-12-31")]
    [InlineData("2025-12-31T17:00:00Z", "2026-01-01")]
    [InlineData("2025-12-31T17:30:00Z", "2026-01-01")]
    [InlineData("2025-06-30T17:30:00Z", "2025-07-01")]
    public void Today_is_the_Vietnamese_calendar_day_of_the_clock_whatever_the_servers_zone(string utc, string vietnamDay)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        // A server far west of Vietnam: its local date is not what decides "today".
        clock.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("UTC-05", TimeSpan.FromHours(-5), "UTC-05", "UTC-05"));

        Assert.Equal(DateOnly.Parse(vietnamDay, System.Globalization.CultureInfo.InvariantCulture), clock.VietnamToday());
    }
}
