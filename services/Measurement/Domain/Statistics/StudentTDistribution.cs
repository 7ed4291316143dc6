namespace Cx.Measurement.Domain.Statistics;

/// <summary>
/// Student's t distribution for any positive (also fractional) degrees of freedom, as Welch's test
/// needs. The tail is the regularized incomplete beta function: P(|T| ≥ t) = I_x(ν/2, ½) with
/// x = ν/(ν + t²), evaluated by its continued fraction.
/// </summary>
public static class StudentTDistribution
{
    private const double Epsilon = 1e-15;
    private const double Tiny = 1e-300;
    private const int MaxIterations = 100_000;

    /// <summary>P(|T| ≥ |t|) with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double TwoSidedP(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t) || !(degreesOfFreedom > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "A t statistic needs a number and positive degrees of freedom.");
        }

        if (double.IsInfinity(t))
        {
            return 0;
        }

        var t2 = t * t;
        // Both x and 1 − x are formed directly: near t = 0 (x ≈ 1), 1 − x by subtraction would lose every digit.
        var x = degreesOfFreedom / (degreesOfFreedom + t2);
        var y = t2 / (degreesOfFreedom + t2);
        return RegularizedBeta(degreesOfFreedom / 2, 0.5, x, y);
    }

    /// <summary>P(T ≤ t).</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        var tail = TwoSidedP(t, degreesOfFreedom) / 2;
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The two-sided critical value: the t with P(|T| ≥ t) = 1 − confidence.</summary>
    public static double Critical(double confidence, double degreesOfFreedom)
    {
        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "A confidence level lies strictly between 0 and 1.");
        }

        var alpha = 1 - confidence;
        double low = 0, high = 1;
        while (TwoSidedP(high, degreesOfFreedom) > alpha)
        {
            high *= 2;
        }

        // Bisection inverts the same tail the tests use, so an interval excludes 0 exactly when p < α.
        for (var i = 0; i < 200 && high - low > 1e-14 * high; i++)
        {
            var middle = (low + high) / 2;
            if (TwoSidedP(middle, degreesOfFreedom) > alpha)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>I_x(a, b), given x and y = 1 − x, for b = ½ (all the t distribution needs).</summary>
    private static double RegularizedBeta(double a, double b, double x, double y)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (y <= 0)
        {
            return 1;
        }

        var logX = x > 0.5 ? LogOnePlus(-y) : Math.Log(x);
        var logY = y > 0.5 ? LogOnePlus(-x) : Math.Log(y);
        var front = Math.Exp((a * logX) + (b * logY) - LogBetaHalf(a));

        // The continued fraction converges fast only below the mean of the beta; above it, the mirror I_x(a,b) = 1 − I_y(b,a) does.
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(a, b, x) / a
            : 1 - (front * ContinuedFraction(b, a, y) / b);
    }

    /// <summary>The continued fraction of I_x(a, b), by the modified Lentz method.</summary>
    private static double ContinuedFraction(double a, double b, double x)
    {
        var c = 1.0;
        var d = Guard(1 - ((a + b) * x / (a + 1)));
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= MaxIterations; m++)
        {
            var m2 = 2 * m;
            var even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 / Guard(1 + (even * d));
            c = Guard(1 + (even / c));
            h *= d * c;

            var odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 / Guard(1 + (odd * d));
            c = Guard(1 + (odd / c));
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < Epsilon)
            {
                return h;
            }
        }

        throw new InvalidOperationException($"The incomplete beta fraction did not converge for a = {a}, b = {b}, x = {x}.");
    }

    private static double Guard(double value) => Math.Abs(value) < Tiny ? Tiny : value;

    /// <summary>
    /// ln B(a, ½) = ln Γ(½) − ln(Γ(a + ½)/Γ(a)). The ratio is taken as one quantity (recurrence up to
    /// a ≥ 10, then Stirling's series of the difference), because ln Γ(a + ½) − ln Γ(a) as two large
    /// logarithms loses about nine digits when ν is a million.
    /// </summary>
    private static double LogBetaHalf(double a)
    {
        var logProduct = 0.0;
        while (a < 10)
        {
            // Γ(a + ½)/Γ(a) = (a/(a + ½))·Γ(a + 1 + ½)/Γ(a + 1).
            logProduct += Math.Log(a / (a + 0.5));
            a += 1;
        }

        var logRatio = (0.5 * Math.Log(a)) + (a * LogOnePlus(0.5 / a)) - 0.5 + StirlingTail(a + 0.5) - StirlingTail(a) + logProduct;
        return (0.5 * Math.Log(Math.PI)) - logRatio;
    }

    /// <summary>ln Γ(z) − ((z − ½) ln z − z + ½ ln 2π): Stirling's series, within 1e-14 for z ≥ 10.</summary>
    private static double StirlingTail(double z)
    {
        var inverse = 1 / z;
        var inverse2 = inverse * inverse;
        return inverse * ((1.0 / 12) - (inverse2 * ((1.0 / 360) - (inverse2 * ((1.0 / 1260) - (inverse2 * ((1.0 / 1680) - (inverse2 / 1188))))))));
    }

    /// <summary>ln(1 + x), exact to the last digits for small x where Math.Log(1 + x) is not.</summary>
    private static double LogOnePlus(double x)
    {
        var u = 1 + x;
        // Kahan's correction: the rounding of 1 + x is undone by the ratio x/(u − 1).
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
