namespace Cx.Culture.Domain.Signals;

/// <summary>The arithmetic of the culture signals: shares of a whole, and medians.</summary>
public static class SignalMath
{
    /// <summary><paramref name="part"/> of <paramref name="whole"/>, 0 to 1; 0 of nothing.</summary>
    public static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    /// <summary>The middle value (the mean of the two middle ones for an even count); null for none.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
