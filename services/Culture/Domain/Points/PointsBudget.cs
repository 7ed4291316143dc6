using System.Globalization;

namespace Cx.Culture.Domain.Points;

/// <summary>
/// The tenant's points rules: what a person gives (kudos, awards, boosts) comes from a budget per
/// calendar month (UTC), nobody gives to themselves, and nothing given is taken back.
/// </summary>
public static class PointsBudget
{
    /// <summary>The month a moment falls in, as the budget counts it: "2026-12".</summary>
    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="month"/> is a month as <see cref="MonthOf"/> writes it.</summary>
    public static bool IsMonth(string month) =>
        month.Length == 7 && DateTime.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _);

    /// <summary>The first instant of the month and of the month after it, UTC.</summary>
    public static (DateTime Start, DateTime End) Bounds(string month)
    {
        var start = DateTime.SpecifyKind(DateTime.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        return (start, start.AddMonths(1));
    }

    public static long Left(int monthlyBudget, long spentInMonth) => Math.Max(0, monthlyBudget - spentInMonth);

    /// <summary>Why <paramref name="points"/> cannot be given now, or null when they can.</summary>
    public static PointsRefusal? Check(int points, int monthlyBudget, long spentInMonth)
    {
        var left = Left(monthlyBudget, spentInMonth);
        return points > left
            ? new PointsRefusal("BUDGET_EXCEEDED", $"{points} points is more than the {left} left of this month's budget of {monthlyBudget}.")
            : null;
    }
}

public sealed record PointsRefusal(string Type, string Message);
