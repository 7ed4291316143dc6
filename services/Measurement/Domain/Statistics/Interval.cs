namespace Cx.Measurement.Domain.Statistics;

/// <summary>A confidence interval, in the unit of the figure it belongs to.</summary>
public readonly record struct Interval(double Lower, double Upper, double Confidence)
{
    public double Width => Upper - Lower;

    public bool Contains(double value) => value >= Lower && value <= Upper;
}

/// <summary>The normal quantiles the formulas need.</summary>
public static class Confidence
{
    public const double Default = 0.95;

    /// <summary>The two-sided critical z for a confidence level, e.g. 1.959964 for 95%.</summary>
    public static double Z(double confidence)
    {
        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence level lies strictly between 0 and 1.");
        }

        return MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
    }
}
