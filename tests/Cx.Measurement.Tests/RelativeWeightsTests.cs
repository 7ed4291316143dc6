using Cx.Domain.Errors;
using Cx.Measurement.Domain.Metrics;
using Cx.Measurement.Domain.Statistics;

namespace Cx.Measurement.Tests;

/// <summary>Johnson's relative weights, checked against closed forms and an independent least-squares fit.</summary>
public sealed class RelativeWeightsTests
{
    private static (List<double[]> Rows, List<double> Outcome) Generate(int n, int seed, Func<Random, double[]> drivers, Func<double[], Random, double> outcome)
    {
        var random = new Random(seed);
        var rows = new List<double[]>();
        var outcomes = new List<double>();
        for (var i = 0; i < n; i++)
        {
            var row = drivers(random);
            rows.Add(row);
            outcomes.Add(outcome(row, random));
        }

        return (rows, outcomes);
    }

    private static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var ma = a.Average();
        var mb = b.Average();
        var cov = a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(y => (y - mb) * (y - mb)));
    }

    private static double Noise(Random random) => random.NextDouble() - 0.5;

    [Fact]
    public void Analyse_UncorrelatedDrivers_WeightIsTheSquaredCorrelation()
    {
        // Two drivers designed orthogonal (balanced ±1 patterns), so each weight must be r².
        var rows = new List<double[]>();
        var outcome = new List<double>();
        var random = new Random(7);
        for (var i = 0; i < 400; i++)
        {
            var x1 = (i % 2 == 0) ? 1.0 : -1.0;
            var x2 = ((i / 2) % 2 == 0) ? 1.0 : -1.0;
            rows.Add([x1, x2]);
            outcome.Add((2 * x1) + x2 + Noise(random));
        }

        var analysis = RelativeWeights.Analyse(["ease", "speed"], rows, outcome, -1, 1, bootstrapSamples: 0);

        var r1 = Correlation(rows.Select(r => r[0]).ToList(), outcome);
        var r2 = Correlation(rows.Select(r => r[1]).ToList(), outcome);
        Assert.Equal(r1 * r1, analysis.Drivers[0].RawWeight, 9);
        Assert.Equal(r2 * r2, analysis.Drivers[1].RawWeight, 9);
    }

    [Fact]
    public void Analyse_TwoCorrelatedDrivers_MatchesTheClosedFormAndSumsToTheOlsRSquared()
    {
        var (rows, outcome) = Generate(500, 11,
            random => { var a = Noise(random); return [a, (0.7 * a) + (0.5 * Noise(random))]; },
            (x, random) => x[0] + (0.5 * x[1]) + (0.4 * Noise(random)));

        var analysis = RelativeWeights.Analyse(["ease", "speed"], rows, outcome, -1, 1, bootstrapSamples: 0);

        // Closed form for two drivers: Rxx^½ = [[a, b], [b, a]] with a, b from the eigenvalues 1 ± r.
        var x1 = rows.Select(r => r[0]).ToList();
        var x2 = rows.Select(r => r[1]).ToList();
        var r12 = Correlation(x1, x2);
        var ry1 = Correlation(x1, outcome);
        var ry2 = Correlation(x2, outcome);
        var a = (Math.Sqrt(1 + r12) + Math.Sqrt(1 - r12)) / 2;
        var b = (Math.Sqrt(1 + r12) - Math.Sqrt(1 - r12)) / 2;
        var det = (a * a) - (b * b);
        var beta1 = ((a * ry1) - (b * ry2)) / det;
        var beta2 = ((a * ry2) - (b * ry1)) / det;
        var w1 = (a * a * beta1 * beta1) + (b * b * beta2 * beta2);
        var w2 = (b * b * beta1 * beta1) + (a * a * beta2 * beta2);
        Assert.Equal(w1, analysis.Drivers[0].RawWeight, 9);
        Assert.Equal(w2, analysis.Drivers[1].RawWeight, 9);

        // R² of the ordinary least-squares fit on standardised drivers.
        var olsRSquared = ((ry1 * ry1) + (ry2 * ry2) - (2 * ry1 * ry2 * r12)) / (1 - (r12 * r12));
        Assert.Equal(olsRSquared, analysis.RSquared, 9);
        Assert.Equal(100.0, analysis.Drivers.Sum(d => d.Share), 9);
        Assert.Equal(r12, analysis.Correlations[0, 1], 12);
        Assert.Equal(ry2, analysis.Correlations[1, 2], 12);
    }

    [Fact]
    public void Analyse_SameSeed_SameIntervals_OtherSeed_OtherIntervals()
    {
        var (rows, outcome) = Generate(200, 3,
            random => [random.Next(1, 6), random.Next(1, 6), random.Next(1, 6)],
            (x, random) => x[0] + (0.3 * x[1]) + Noise(random));

        var first = RelativeWeights.Analyse(["a", "b", "c"], rows, outcome, 1, 5, bootstrapSamples: 200, seed: 42);
        var again = RelativeWeights.Analyse(["a", "b", "c"], rows, outcome, 1, 5, bootstrapSamples: 200, seed: 42);
        var other = RelativeWeights.Analyse(["a", "b", "c"], rows, outcome, 1, 5, bootstrapSamples: 200, seed: 43);

        Assert.Equal(first.Drivers.Select(d => d.Interval), again.Drivers.Select(d => d.Interval));
        Assert.NotEqual(first.Drivers.Select(d => d.Interval), other.Drivers.Select(d => d.Interval));
        Assert.Equal((200, 42), (first.BootstrapSamples, first.Seed));
        Assert.All(first.Drivers, d => Assert.True(d.Interval!.Value.Contains(d.RawWeight), $"{d.Driver}: {d.RawWeight} outside {d.Interval}"));
        Assert.True(first.Drivers[0].RawWeight > first.Drivers[1].RawWeight && first.Drivers[1].RawWeight > first.Drivers[2].RawWeight);
    }

    [Fact]
    public void Analyse_Performance_IsTheMeanAndPriorityIsImportanceTimesGap()
    {
        var (rows, outcome) = Generate(100, 5, random => [random.Next(1, 6), random.Next(1, 6)], (x, random) => x[0] + x[1] + Noise(random));

        var analysis = RelativeWeights.Analyse(["a", "b"], rows, outcome, 1, 5, bootstrapSamples: 0);

        var mean = rows.Average(r => r[0]);
        var driver = analysis.Drivers[0];
        Assert.Equal(mean, driver.Performance, 12);
        Assert.Equal((5 - mean) / 4, driver.Gap, 12);
        Assert.Equal(driver.Share * driver.Gap, driver.Priority, 12);
    }

    [Fact]
    public void Analyse_LowerIsBetterDriver_HasItsGapMeasuredFromTheBottomOfItsScale()
    {
        var (rows, outcome) = Generate(100, 6, random => [random.Next(1, 6), random.Next(0, 11)], (x, random) => -x[0] + x[1] + Noise(random));

        var analysis = RelativeWeights.Analyse(["wait", "ease"], rows, outcome, [new DriverScale(1, 5, HigherIsBetter: false), new DriverScale(0, 10)], bootstrapSamples: 0);

        var (wait, ease) = (rows.Average(r => r[0]), rows.Average(r => r[1]));
        Assert.Equal((wait - 1) / 4, analysis.Drivers[0].Gap, 12);
        Assert.Equal((10 - ease) / 10, analysis.Drivers[1].Gap, 12);
        Assert.Equal(analysis.Drivers[0].Share * analysis.Drivers[0].Gap, analysis.Drivers[0].Priority, 12);
    }

    [Fact]
    public void CompositeIndex_LowerIsBetterRating_CountsReversed_WithTheSameError()
    {
        var scale = new MetricScale(1, 5);
        var wait = new ComponentFigure(MetricKind.Rating, scale, 1, 2.0, new Interval(1.6, 2.4, 0.95), HigherIsBetter: false);
        var ease = new ComponentFigure(MetricKind.Rating, scale, 3, 4.0, new Interval(3.8, 4.2, 0.95));

        var (score, interval) = CompositeIndexScoring.Combine([wait, ease], 0.95)!.Value;

        // A wait of 2 on 1-5, lower better, is 75 of 100; an ease of 4 is 75 too.
        Assert.Equal(75, CompositeIndexScoring.Normalise(MetricKind.Rating, scale, 2, higherIsBetter: false), 12);
        Assert.Equal((0.25 * 75) + (0.75 * 75), score, 12);
        var z = 1.959963984540054;
        var (waitSe, easeSe) = (20 / (2 * z), 10 / (2 * z));
        var half = z * Math.Sqrt(Math.Pow(0.25 * waitSe, 2) + Math.Pow(0.75 * easeSe, 2));
        Assert.Equal(score - half, interval.Lower, 12);
        Assert.Equal(score + half, interval.Upper, 12);
    }

    [Fact]
    public void Analyse_BelowTheMinimumN_SaysTheNItNeeds()
    {
        var (rows, outcome) = Generate(29, 1, random => [random.NextDouble()], (x, random) => x[0] + Noise(random));

        var error = Assert.Throws<PreconditionFailedException>(() => RelativeWeights.Analyse(["a"], rows, outcome, 0, 1));

        Assert.Equal("INSUFFICIENT_N", error.Type);
        Assert.Contains("at least 30", error.Message, StringComparison.Ordinal);
        Assert.Contains("there are 29", error.Message, StringComparison.Ordinal);
        Assert.Equal(50, RelativeWeights.MinimumN(5));
    }

    [Fact]
    public void Analyse_ConstantDriver_IsNamed()
    {
        var (rows, outcome) = Generate(60, 2, random => [random.NextDouble(), 3.0], (x, random) => x[0] + Noise(random));

        var error = Assert.Throws<PreconditionFailedException>(() => RelativeWeights.Analyse(["a", "b"], rows, outcome, 0, 5));

        Assert.Equal(("NO_VARIANCE", "b"), (error.Type, error.Subject));
    }

    [Fact]
    public void Analyse_DuplicatedDriver_IsRefused()
    {
        var (rows, outcome) = Generate(60, 2, random => { var a = random.NextDouble(); return [a, 2 * a]; }, (x, random) => x[0] + Noise(random));

        var error = Assert.Throws<PreconditionFailedException>(() => RelativeWeights.Analyse(["a", "b"], rows, outcome, 0, 2));

        Assert.Equal("COLLINEAR_DRIVERS", error.Type);
    }

    [Fact]
    public void Analyse_RowsThatDoNotMatchTheDrivers_AreValidationErrors()
    {
        var error = Assert.Throws<ValidationFailedException>(() =>
            RelativeWeights.Analyse(["a", "b"], [[1.0], [2.0]], [1.0], 1, 5));

        Assert.Equal(["outcome", "rows"], error.Violations.Select(v => v.Field).ToArray());
    }

    [Fact]
    public void Analyse_CombinationsWithCounts_GiveExactlyWhatTheirResponsesOneByOneGive_BootstrapIncluded()
    {
        // Rating-scale answers repeat: 300 responses on 1–5 scales give far fewer distinct combinations.
        var (rows, outcome) = Generate(300, 9,
            random => [random.Next(1, 6), random.Next(1, 6)],
            (x, random) => Math.Clamp(Math.Round(x[0] + (0.5 * x[1]) + (2 * Noise(random))), 0, 10));
        var grouped = rows.Select((r, i) => (Key: $"{r[0]}|{r[1]}|{outcome[i]}", Row: r, Outcome: outcome[i]))
            .GroupBy(x => x.Key)
            .Select(g => new ScoreCombination(g.First().Row, g.First().Outcome, g.Count()))
            .Reverse()
            .ToList();
        Assert.True(grouped.Count < 100, $"{grouped.Count} combinations");

        var oneByOne = RelativeWeights.Analyse(["a", "b"], rows, outcome, 1, 5, bootstrapSamples: 300, seed: 5);
        var shuffled = RelativeWeights.Analyse(["a", "b"], rows.AsEnumerable().Reverse().ToList(), outcome.AsEnumerable().Reverse().ToList(), 1, 5, bootstrapSamples: 300, seed: 5);
        var fromCounts = RelativeWeights.Analyse(["a", "b"], grouped, [new(1, 5), new(1, 5)], bootstrapSamples: 300, seed: 5);

        Assert.Equal(300, fromCounts.N);
        foreach (var other in new[] { shuffled, fromCounts })
        {
            Assert.Equal(oneByOne.RSquared, other.RSquared, 12);
            Assert.Equal(oneByOne.Drivers.Select(d => d.RawWeight), other.Drivers.Select(d => d.RawWeight), (x, y) => Math.Abs(x - y) < 1e-12);
            Assert.Equal(oneByOne.Drivers.Select(d => d.Performance), other.Drivers.Select(d => d.Performance), (x, y) => Math.Abs(x - y) < 1e-12);
            Assert.Equal(oneByOne.Drivers.Select(d => d.Interval), other.Drivers.Select(d => d.Interval), (x, y) =>
                Math.Abs(x!.Value.Lower - y!.Value.Lower) < 1e-12 && Math.Abs(x.Value.Upper - y.Value.Upper) < 1e-12);
        }
    }

    [Fact]
    public void Analyse_Correlations_AreThoseOfTheResponses_WithEachCombinationCountedAsOftenAsGiven()
    {
        ScoreCombination[] combinations =
        [
            new([1, 2], 3, 10), new([2, 2], 5, 7), new([3, 1], 6, 9), new([4, 5], 9, 4), new([5, 3], 8, 6), new([2, 4], 4, 5),
        ];
        var rows = combinations.SelectMany(c => Enumerable.Repeat(c.Drivers, (int)c.Count)).ToList();
        var outcome = combinations.SelectMany(c => Enumerable.Repeat(c.Outcome, (int)c.Count)).ToList();

        var analysis = RelativeWeights.Analyse(["a", "b"], combinations, [new(1, 5), new(1, 5)], bootstrapSamples: 0);

        Assert.Equal(41, analysis.N);
        Assert.Equal(Correlation(rows.Select(r => r[0]).ToList(), rows.Select(r => r[1]).ToList()), analysis.Correlations[0, 1], 12);
        Assert.Equal(Correlation(rows.Select(r => r[0]).ToList(), outcome), analysis.Correlations[0, 2], 12);
        Assert.Equal(Correlation(rows.Select(r => r[1]).ToList(), outcome), analysis.Correlations[2, 1], 12);
        Assert.Equal(rows.Average(r => r[1]), analysis.Drivers[1].Performance, 12);
    }
}
