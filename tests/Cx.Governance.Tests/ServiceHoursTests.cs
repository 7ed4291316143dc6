using Cx.Governance.Domain.Sla;

namespace Cx.Governance.Tests;

public sealed class ServiceHoursTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static ServiceHours Berlin(params DateOnly[] holidays) =>
        new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), Weekdays, new TimeOnly(9, 0), new TimeOnly(17, 0), holidays);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Add_CarriesOverTheWeekend_InLocalOfficeHours()
    {
        // Friday 2026-11-20 16:00 in Berlin (CET, UTC+1) is 15:00 UTC: 1 hour on Friday, 3 on Monday until 12:00 CET.
        Assert.Equal(Utc(2026, 11, 23, 11), Berlin().Add(Utc(2026, 11, 20, 15), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Add_AcrossTheEndOfDaylightSaving_CountsTheHoursPeopleWork()
    {
        // Friday 2026-10-23 16:00 CEST (UTC+2) is 14:00 UTC; summer time ends on Sunday the 25th.
        // 1 hour on Friday, then Monday 09:00-12:00 CET (UTC+1): 11:00 UTC.
        Assert.Equal(Utc(2026, 10, 26, 11), Berlin().Add(Utc(2026, 10, 23, 14), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void Add_SkipsHolidays_AndStartsAtOpeningWhenOpenedAtNight()
    {
        // Opened Wednesday 2026-12-23 at 22:00 CET; the 24th and 25th are holidays, the 26th and 27th a weekend.
        var due = Berlin(new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 25)).Add(Utc(2026, 12, 23, 21), TimeSpan.FromHours(10));

        // 8 hours on Monday the 28th, 2 on Tuesday: 11:00 CET = 10:00 UTC.
        Assert.Equal(Utc(2026, 12, 29, 10), due);
    }

    [Fact]
    public void Between_IsTheInverseOfAdd_AndZeroOutsideHours()
    {
        var hours = Berlin();
        var start = Utc(2026, 11, 20, 15);
        foreach (var span in new[] { 0.5, 1, 4, 8, 9, 40, 100 })
        {
            Assert.Equal(TimeSpan.FromHours(span), hours.Between(start, hours.Add(start, TimeSpan.FromHours(span))));
        }

        Assert.Equal(TimeSpan.Zero, hours.Between(Utc(2026, 11, 21, 8), Utc(2026, 11, 22, 20)));
        Assert.Equal(TimeSpan.Zero, hours.Between(Utc(2026, 11, 23, 12), Utc(2026, 11, 23, 11)));
    }

    [Fact]
    public void AlwaysOpen_CountsWallClockTime()
    {
        Assert.Equal(Utc(2026, 11, 22, 3), ServiceHours.AlwaysOpen.Add(Utc(2026, 11, 21, 23), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void NoWorkingDay_OrClosingBeforeOpening_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new ServiceHours(TimeZoneInfo.Utc, [], new TimeOnly(9, 0), new TimeOnly(17, 0), []));
        Assert.Throws<ArgumentException>(() => new ServiceHours(TimeZoneInfo.Utc, Weekdays, new TimeOnly(17, 0), new TimeOnly(9, 0), []));
    }
}
