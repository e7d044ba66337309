namespace DistrictTraining.Tests.Infrastructure;

/// <summary>Moments for a <c>FakeTimeProvider</c> that stands still, for tests of per-minute limits.</summary>
public static class StillClock
{
    /// <summary>The current minute (UTC) at its 30th second: a fixed one-minute window has 30 seconds on each side.</summary>
    public static DateTimeOffset MidMinute()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 30, TimeSpan.Zero);
    }
}
