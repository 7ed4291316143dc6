namespace Cx.Governance.Domain.Sla;

/// <summary>
/// When the SLA clock runs: working days and hours in one time zone, except holidays. Service time
/// is counted in that zone's local days, so a daylight-saving change or a holiday moves due times
/// the way the people working the cases see them.
/// </summary>
public sealed class ServiceHours
{
    /// <summary>More than any SLA needs: a due time further out than this is refused, never looped for.</summary>
    private const int MaxDaysSearched = 3_660;

    private readonly HashSet<DayOfWeek> _workingDays;
    private readonly HashSet<DateOnly> _holidays;

    public ServiceHours(TimeZoneInfo timeZone, IEnumerable<DayOfWeek> workingDays, TimeOnly opens, TimeOnly closes, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(workingDays);
        ArgumentNullException.ThrowIfNull(holidays);
        _workingDays = [.. workingDays];
        _holidays = [.. holidays];
        if (_workingDays.Count == 0)
        {
            throw new ArgumentException("At least one working day.", nameof(workingDays));
        }

        if (opens >= closes)
        {
            throw new ArgumentException("Opening time must come before closing time.", nameof(closes));
        }

        (TimeZone, Opens, Closes) = (timeZone, opens, closes);
    }

    /// <summary>Around the clock, every day, in UTC.</summary>
    public static ServiceHours AlwaysOpen { get; } = new(TimeZoneInfo.Utc, Enum.GetValues<DayOfWeek>(), TimeOnly.MinValue, TimeOnly.MaxValue, []);

    public TimeZoneInfo TimeZone { get; }

    public TimeOnly Opens { get; }

    public TimeOnly Closes { get; }

    public IReadOnlySet<DayOfWeek> WorkingDays => _workingDays;

    public IReadOnlySet<DateOnly> Holidays => _holidays;

    /// <summary>The instant at which <paramref name="serviceTime"/> of service hours have passed after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan serviceTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serviceTime, TimeSpan.Zero);
        var left = serviceTime;
        foreach (var (open, close) in WindowsFrom(start))
        {
            var from = open > start ? open : start;
            var available = close - from;
            if (available >= left)
            {
                return from + left;
            }

            left -= available;
        }

        throw new ArgumentOutOfRangeException(nameof(serviceTime), "Falls beyond ten years of service hours.");
    }

    /// <summary>The service time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        if (to <= from)
        {
            return total;
        }

        foreach (var (open, close) in WindowsFrom(from))
        {
            if (open >= to)
            {
                break;
            }

            var start = open > from ? open : from;
            var end = close < to ? close : to;
            total += end - start;
        }

        return total;
    }

    /// <summary>The service windows (as UTC instants) that end after <paramref name="start"/>, in order.</summary>
    private IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> WindowsFrom(DateTimeOffset start)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, TimeZone).DateTime).AddDays(-1);
        for (var i = 0; i < MaxDaysSearched; i++, day = day.AddDays(1))
        {
            if (!_workingDays.Contains(day.DayOfWeek) || _holidays.Contains(day))
            {
                continue;
            }

            var open = ToInstant(day, Opens);
            var close = Closes == TimeOnly.MaxValue ? ToInstant(day.AddDays(1), TimeOnly.MinValue) : ToInstant(day, Closes);
            if (close > start && close > open)
            {
                yield return (open, close);
            }
        }
    }

    private DateTimeOffset ToInstant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);

        // A local time skipped by a daylight-saving change starts the window when the clock resumes.
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, TimeZone), TimeSpan.Zero);
    }
}
