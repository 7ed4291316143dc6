using Cx.Measurement.Domain.Calendar;

namespace Cx.Measurement.Tests;

/// <summary>Expected labels are read off a calendar, not computed with the code under test.</summary>
public sealed class CalendarBucketTests
{
    private static DateTime Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Labels_OfASunday_NameTheDayItsMondayAndItsMonth()
    {
        var sundayEvening = new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal("2026-11-22", CalendarBuckets.Day(sundayEvening));
        Assert.Equal("2026-11-16", CalendarBuckets.Week(sundayEvening));
        Assert.Equal("2026-11", CalendarBuckets.Month(sundayEvening));
    }

    [Fact]
    public void Labels_AreUtc_WhateverTheOffsetOfTheInstant()
    {
        // 00:30 on Monday in Berlin is still Sunday in UTC.
        var berlinMondayMorning = new DateTimeOffset(2026, 11, 23, 0, 30, 0, TimeSpan.FromHours(1));

        Assert.Equal("2026-11-22", CalendarBuckets.Day(berlinMondayMorning));
        Assert.Equal("2026-11-16", CalendarBuckets.Week(berlinMondayMorning));
    }

    [Theory]
    [InlineData(2027, 1, 1, "2026-W53", "2026-12-28")]
    [InlineData(2026, 1, 1, "2026-W01", "2025-12-29")]
    [InlineData(2024, 12, 30, "2025-W01", "2024-12-30")]
    [InlineData(2026, 11, 22, "2026-W47", "2026-11-16")]
    public void Weeks_AcrossTheTurnOfTheYear_FollowIso8601(int year, int month, int day, string label, string monday)
    {
        var start = CalendarBuckets.StartOf(CalendarGrain.Week, Utc(year, month, day, 15));

        Assert.Equal(monday, CalendarBuckets.Day(start));
        Assert.Equal(label, CalendarBuckets.Label(CalendarGrain.Week, start));
        Assert.Equal(monday, CalendarBuckets.GroupKey(CalendarGrain.Week, start));
    }

    [Theory]
    [InlineData(CalendarGrain.Day, "2026-03-01", "2026-02-28")]
    [InlineData(CalendarGrain.Week, "2026-01-05", "2025-12-29")]
    [InlineData(CalendarGrain.Month, "2026-01", "2025-12")]
    public void Previous_IsTheBucketBefore(CalendarGrain grain, string label, string previous) =>
        Assert.Equal(previous, CalendarBuckets.Previous(grain, label));

    [Fact]
    public void Previous_OfTheCalendarsFirstMonth_IsNone() =>
        Assert.Null(CalendarBuckets.Previous(CalendarGrain.Month, "0001-01"));

    [Theory]
    [InlineData(CalendarGrain.Week, "2026-11-22", "2026-11-16")]
    [InlineData(CalendarGrain.Month, "2026-11-22", "2026-11")]
    public void OfDay_NamesTheWeekOrMonthADayFallsIn(CalendarGrain grain, string day, string bucket) =>
        Assert.Equal(bucket, CalendarBuckets.OfDay(grain, day));

    [Fact]
    public void Closed_AreTheLastWholeBuckets_OldestFirst()
    {
        var now = Utc(2026, 11, 25, 10);

        Assert.Equal([Utc(2026, 11, 22), Utc(2026, 11, 23), Utc(2026, 11, 24)], CalendarBuckets.Closed(CalendarGrain.Day, now, 3));
        Assert.Equal([Utc(2026, 11, 9), Utc(2026, 11, 16)], CalendarBuckets.Closed(CalendarGrain.Week, now, 2));
        Assert.Equal([Utc(2026, 9, 1), Utc(2026, 10, 1)], CalendarBuckets.Closed(CalendarGrain.Month, now, 2));
    }

    [Fact]
    public void Next_StepsOneBucket_MonthsByTheCalendar()
    {
        Assert.Equal(Utc(2026, 3, 1), CalendarBuckets.Next(CalendarGrain.Day, Utc(2026, 2, 28)));
        Assert.Equal(Utc(2026, 1, 5), CalendarBuckets.Next(CalendarGrain.Week, Utc(2025, 12, 29)));
        Assert.Equal(Utc(2026, 2, 1), CalendarBuckets.Next(CalendarGrain.Month, Utc(2026, 1, 1)));
        Assert.Equal("2026-02", CalendarBuckets.Label(CalendarGrain.Month, Utc(2026, 2, 1)));
        Assert.Equal("2026-02-28", CalendarBuckets.Label(CalendarGrain.Day, Utc(2026, 2, 28)));
    }
}
