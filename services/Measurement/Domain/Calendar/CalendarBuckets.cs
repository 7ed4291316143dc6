using System.Globalization;

namespace Cx.Measurement.Domain.Calendar;

/// <summary>The calendar periods results group by and alerts evaluate.</summary>
public enum CalendarGrain
{
    Day,
    Week,
    Month,
}

/// <summary>
/// The calendar buckets of an instant, in UTC: day, ISO week and month. A response is stamped with
/// its day, week and month when recorded, rollups are kept per day, and results and alerts group by
/// these buckets, so they are defined once here and a response counts in the same bucket everywhere.
/// Weeks start on Monday (ISO 8601); a week is named by its Monday's date in results, and by its
/// ISO year and week number ("2026-W47") in alert events.
/// </summary>
public static class CalendarBuckets
{
    private const string DayFormat = "yyyy-MM-dd";
    private const string MonthFormat = "yyyy-MM";

    /// <summary>The day's label: "2026-11-22".</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>The week's label as results group by it: its Monday's date, "2026-11-16".</summary>
    public static string Week(DateTimeOffset at) => StartOf(CalendarGrain.Week, at.UtcDateTime).ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>The month's label: "2026-11".</summary>
    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString(MonthFormat, CultureInfo.InvariantCulture);

    /// <summary>The label results group by at this grain (a week by its Monday).</summary>
    public static string Of(CalendarGrain grain, DateTimeOffset at) => grain switch
    {
        CalendarGrain.Day => Day(at),
        CalendarGrain.Week => Week(at),
        _ => Month(at),
    };

    /// <summary>The label of the bucket before the one labelled <paramref name="label"/>; null before the calendar's first.</summary>
    public static string? Previous(CalendarGrain grain, string label)
    {
        var start = DateTimeOffset.Parse((grain == CalendarGrain.Month ? label + "-01" : label) + "T00:00:00Z", CultureInfo.InvariantCulture);
        if (start < DateTimeOffset.MinValue.AddMonths(1))
        {
            return null;
        }

        return grain switch
        {
            CalendarGrain.Day => Day(start.AddDays(-1)),
            CalendarGrain.Week => Week(start.AddDays(-7)),
            _ => Month(start.AddMonths(-1)),
        };
    }

    /// <summary>The week's or month's label of the day labelled <paramref name="day"/> ("2026-11-22").</summary>
    public static string OfDay(CalendarGrain grain, string day)
    {
        var at = DateTimeOffset.Parse(day + "T00:00:00Z", CultureInfo.InvariantCulture);
        return grain == CalendarGrain.Week ? Week(at) : Month(at);
    }

    /// <summary>The start of the bucket holding <paramref name="at"/>.</summary>
    public static DateTime StartOf(CalendarGrain grain, DateTime at) => grain switch
    {
        CalendarGrain.Day => at.Date,
        CalendarGrain.Week => at.Date.AddDays(-(((int)at.DayOfWeek + 6) % 7)),
        _ => new DateTime(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    /// <summary>The start of the bucket after the one starting at <paramref name="start"/>.</summary>
    public static DateTime Next(CalendarGrain grain, DateTime start) => Back(grain, start, -1);

    /// <summary>The start of the bucket <paramref name="buckets"/> before the one starting at <paramref name="start"/>.</summary>
    public static DateTime Back(CalendarGrain grain, DateTime start, int buckets) => grain switch
    {
        CalendarGrain.Day => start.AddDays(-buckets),
        CalendarGrain.Week => start.AddDays(-7 * buckets),
        _ => start.AddMonths(-buckets),
    };

    /// <summary>The last <paramref name="count"/> buckets closed at <paramref name="now"/>, oldest first (their starts).</summary>
    public static IEnumerable<DateTime> Closed(CalendarGrain grain, DateTime now, int count)
    {
        var current = StartOf(grain, now);
        return Enumerable.Range(1, count).Select(back => Back(grain, current, back)).Reverse();
    }

    /// <summary>How events and records name the bucket starting at <paramref name="start"/>: "2026-11-22", "2026-W47" (ISO week) or "2026-11".</summary>
    public static string Label(CalendarGrain grain, DateTime start) => grain switch
    {
        CalendarGrain.Day => Day(start),
        CalendarGrain.Week => string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(start)}-W{ISOWeek.GetWeekOfYear(start):D2}"),
        _ => Month(start),
    };

    /// <summary>The group of the bucket starting at <paramref name="start"/> in results grouped at this grain (a week by its Monday).</summary>
    public static string GroupKey(CalendarGrain grain, DateTime start) => grain == CalendarGrain.Month ? Month(start) : Day(start);
}
