using Microsoft.Extensions.Time.Testing;

namespace Cx.Testing.Hosting;

/// <summary>Ways tests move a host's clock. It only moves forward, as time does, so tests sharing a host each take a fresh moment.</summary>
public static class TestClocks
{
    /// <summary>Moves the clock to the next Monday noon (UTC), or leaves it there; returns it.</summary>
    public static DateTimeOffset AdvanceToMondayNoon(this FakeTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(12);
        while (day.DayOfWeek != DayOfWeek.Monday || day < now)
        {
            day = day.AddDays(1);
        }

        clock.SetUtcNow(day);
        return day;
    }
}
