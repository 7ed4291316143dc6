using Cx.Measurement.Domain.Metrics;
using Cx.Measurement.Domain.Statistics;

namespace Cx.Measurement.Tests;

public sealed class NpsBandTests
{
    [Theory]
    [InlineData(0, true, false)]
    [InlineData(6, true, false)]
    [InlineData(7, false, false)]
    [InlineData(8, false, false)]
    [InlineData(9, false, true)]
    [InlineData(10, false, true)]
    [InlineData(-1, false, false)]
    [InlineData(11, false, false)]
    public void Bands_SplitTheScaleAtSixAndNine(int answer, bool detractor, bool promoter)
    {
        Assert.Equal(detractor, NpsBands.IsDetractor(answer));
        Assert.Equal(promoter, NpsBands.IsPromoter(answer));
    }

    [Fact]
    public void Scoring_ADistribution_CountsSixAsDetractorAndSevenAsPassive()
    {
        // One answer at each point 0..10: 7 detractors (0–6), 2 passives (7, 8), 2 promoters (9, 10).
        var score = MetricScoring.Compute(MetricKind.Nps, new MetricScale(0, 10), [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0.95);

        Assert.Equal((2, 2, 7), (score.Nps!.Promoters, score.Nps.Passives, score.Nps.Detractors));
        Assert.Equal(100.0 * (2 - 7) / 11, score.Value!.Value, 10);
    }
}
