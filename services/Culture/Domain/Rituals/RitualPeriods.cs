namespace Cx.Culture.Domain.Rituals;

/// <summary>
/// The periods rituals cover, in UTC: a week runs from Monday 00:00 to the next, a month from the
/// first 00:00 to the next. A digest is for the last period that has ended.
/// </summary>
public static class RitualPeriods
{
    public static (DateTime Start, DateTime End) LastWeek(DateTimeOffset now)
    {
        var today = now.UtcDateTime.Date;
        var sinceMonday = ((int)today.DayOfWeek + 6) % 7;
        var end = DateTime.SpecifyKind(today.AddDays(-sinceMonday), DateTimeKind.Utc);
        return (end.AddDays(-7), end);
    }

    public static (DateTime Start, DateTime End) LastMonth(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var end = new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return (end.AddMonths(-1), end);
    }
}

/// <summary>Which praise a weekly digest shows: the customer's own words before a redacted quote, then the latest.</summary>
public static class CustomerMoments
{
    public static T? Choose<T>(IEnumerable<T> praise, Func<T, bool> redacted, Func<T, DateTime> occurredAt)
        where T : class =>
        praise.OrderBy(redacted).ThenByDescending(occurredAt).FirstOrDefault();
}
