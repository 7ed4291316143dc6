using Cx.Measurement.Domain.Statistics;
using Cx.Common.V1;
using Cx.Measurement.V1;
using Grpc.Core;

namespace Cx.Measurement.Tests;

public sealed class CorrelationTests
{
    [Fact]
    public void Of_KnownPairs_PearsonAndFisherInterval()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        double[] y = [2, 1, 4, 3, 6, 5, 8, 7, 10, 9];

        var correlation = Correlation.Of(x, y)!;

        // r = Sxy / √(Sxx·Syy), and the Fisher-z interval tanh(atanh r ± z/√(n − 3)), computed here.
        var mx = x.Average();
        var my = y.Average();
        var sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        var r = sxy / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
        var half = 1.959963984540054 / Math.Sqrt(7);
        Assert.Equal(r, correlation.R, 12);
        Assert.Equal(Math.Tanh(Math.Atanh(r) - half), correlation.Interval.Lower, 12);
        Assert.Equal(Math.Tanh(Math.Atanh(r) + half), correlation.Interval.Upper, 12);
        Assert.True(correlation.Significant);
    }

    [Fact]
    public void Of_ConstantSide_IsUndefined()
    {
        Assert.Null(Correlation.Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]));
    }
}

public sealed class FrameworkTests(MeasurementHost host) : IClassFixture<MeasurementHost>
{
    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

    [Fact]
    public async Task AnalyseFramework_EffortDrivesNpsDrivesRetention_LinksWithIntervals()
    {
        var tenant = "f" + Guid.NewGuid().ToString("N")[..12];
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "ces", Kind = MetricKind.Ces, Name = "Effort" } }, Tenant(tenant));
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        var random = new Random(5);
        var batch = new RecordResponsesRequest();
        var outcomes = new RecordOutcomesRequest();
        var rows = new List<(double Ces, double Nps, double Retained)>();
        for (var c = 0; c < 60; c++)
        {
            var ces = random.Next(1, 8);
            var nps = Math.Clamp(ces + random.Next(-2, 4), 0, 10);
            var retained = nps >= 7 || random.Next(4) == 0 ? 1.0 : 0.0;
            rows.Add((ces, nps, retained));
            batch.Responses.Add(new Response
            {
                SubmissionId = "f-" + c,
                Context = new ResponseContext { CustomerId = "cust-" + c },
                Answers = { new Answer { MetricId = "ces", Score = ces }, new Answer { MetricId = "nps", Score = nps } },
            });
            outcomes.Outcomes.Add(new CustomerOutcome { CustomerId = "cust-" + c, Outcome = "retained", Value = retained });
        }

        await host.Client.RecordResponsesAsync(batch, Tenant(tenant));
        await host.Client.RecordOutcomesAsync(outcomes, Tenant(tenant));

        var framework = await host.Client.AnalyseFrameworkAsync(new AnalyseFrameworkRequest { CauseMetricId = "ces", PerceptionMetricId = "nps", Outcome = "retained" }, Tenant(tenant));

        var expected = Correlation.Of(rows.Select(r => r.Nps).ToArray(), rows.Select(r => r.Retained).ToArray())!;
        Assert.Equal(60, framework.PerceptionToOutcome.N);
        Assert.Equal(expected.R, framework.PerceptionToOutcome.Correlation, 9);
        Assert.Equal(expected.Interval.Lower, framework.PerceptionToOutcome.Interval.Lower, 9);
        Assert.True(framework.CauseToPerception.Significant);
        Assert.Equal(Correlation.Of(rows.Select(r => r.Ces).ToArray(), rows.Select(r => r.Nps).ToArray())!.R, framework.CauseToPerception.Correlation, 9);
    }

    [Fact]
    public async Task AnalyseFramework_TooFewCustomers_SaysTheNeededN()
    {
        var tenant = "f" + Guid.NewGuid().ToString("N")[..12];
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "ces", Kind = MetricKind.Ces, Name = "Effort" } }, Tenant(tenant));
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.AnalyseFrameworkAsync(
            new AnalyseFrameworkRequest { CauseMetricId = "ces", PerceptionMetricId = "nps", Outcome = "retained" }, Tenant(tenant)));
        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordOutcomesAsync(
            new RecordOutcomesRequest { Outcomes = { new CustomerOutcome { CustomerId = "", Outcome = "Revenue!", Value = double.NaN } } }, Tenant(tenant)));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("at least 10", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, invalid.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Count);
    }
}
