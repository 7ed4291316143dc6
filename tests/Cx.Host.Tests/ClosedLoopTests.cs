using System.Collections.Concurrent;
using System.Diagnostics;
using Cx.Common.V1;
using Cx.Governance.V1;
using Cx.Host.Launch;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using M = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Host.Tests;

/// <summary>
/// The flagship flow on the embedded backend, as `cx up` runs it: a detractor response recorded
/// through Measurement opens exactly one case in Governance, and one trace spans the response
/// call, the event and the case creation.
/// </summary>
public sealed class ClosedLoopTests : IAsyncLifetime, IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "cx-closed-loop-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ActivityListener _listener;
    private RunningPlatform? _platform;

    public ClosedLoopTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task InitializeAsync() =>
        _platform = await PlatformLauncher.StartAsync(new UpOptions { BasePort = 0, DataDirectory = _data }, new ConfigurationBuilder().Build(), CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _platform!.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task DetractorResponse_OpensOneCase_InOneTrace_AndARepeatedSubmissionOpensNoSecond()
    {
        var keys = Path.Combine(_platform!.DataDirectory, "identity");
        var atMeasurement = TestIdentity.For("measurement", "loop", keyDirectory: keys);
        var tenant = TestIdentity.For("governance", "loop", keyDirectory: keys);
        using var measurementChannel = GrpcChannel.ForAddress("http://" + _platform!.Service("measurement").GrpcAddress);
        using var governanceChannel = GrpcChannel.ForAddress("http://" + _platform.Service("governance").GrpcAddress);
        var measurement = new M.MeasurementService.MeasurementServiceClient(measurementChannel);
        var governance = new GovernanceService.GovernanceServiceClient(governanceChannel);
        await measurement.CreateMetricDefinitionAsync(new M.CreateMetricDefinitionRequest { Metric = new M.MetricDefinition { MetricId = "nps", Kind = M.MetricKind.Nps, Name = "NPS", HigherIsBetter = true } }, atMeasurement);
        await governance.SetOwnershipAsync(new SetOwnershipRequest { Ownership = new Ownership { JourneyId = "buy", Accountable = "jo" } }, tenant);
        await governance.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = new CaseRule { RuleId = "detractors", MetricIds = { "nps" }, MaxScore = 6, Priority = CasePriority.High, Assignment = Assignment.JourneyOwner, FallbackOwner = "cx-lead" } }, tenant);

        var response = new M.Response
        {
            SubmissionId = "sub-1",
            Context = new CommonV1.ResponseContext { CustomerId = "ann", JourneyId = "buy", JourneyStepId = "delivery", Channel = "web" },
            Answers = { new CommonV1.Answer { MetricId = "nps", Score = 2 } },
        };
        using var source = new ActivitySource("Cx.Host.Tests.ClosedLoop");
        string traceId;
        using (var flow = source.StartActivity("customer answers a survey", ActivityKind.Client))
        {
            traceId = flow!.TraceId.ToHexString();
            await measurement.RecordResponseAsync(new M.RecordResponseRequest { Response = response }, atMeasurement);
        }

        // The same submission again (a client retry): no second response, no second case.
        await measurement.RecordResponseAsync(new M.RecordResponseRequest { Response = response }, atMeasurement);

        var cases = await WaitForCasesAsync(governance, tenant);
        var opened = Assert.Single(cases);
        Assert.Equal(("ann", "buy", "delivery", "jo", CaseStatus.Open), (opened.CustomerId, opened.JourneyId, opened.JourneyStepId, opened.Owner, opened.Status));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Single((await governance.ListCasesAsync(new ListCasesRequest(), tenant)).Cases);

        // One trace: the response call in Measurement, the detractor event published and consumed,
        // and the case_opened event Governance raised while creating the case.
        var inTrace = await WaitForSpansAsync(traceId, spans => spans.Any(s => s.OperationName == "create cx.governance.case_opened.v1"));
        Assert.Contains(inTrace, s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("RecordResponse", StringComparison.Ordinal));
        Assert.Contains(inTrace, s => s.Kind == ActivityKind.Producer && s.OperationName == "create cx.measurement.detractor_detected.v1");
        Assert.Contains(inTrace, s => s.Kind == ActivityKind.Consumer && (s.GetTagItem("messaging.destination.name") as string) == "cx.measurement.detractor_detected.v1");
        Assert.Contains(inTrace, s => s.Kind == ActivityKind.Producer && s.OperationName == "create cx.governance.case_opened.v1");
    }

    private static async Task<IReadOnlyList<Case>> WaitForCasesAsync(GovernanceService.GovernanceServiceClient governance, Metadata tenant)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var cases = (await governance.ListCasesAsync(new ListCasesRequest(), tenant)).Cases;
            if (cases.Count > 0 || DateTime.UtcNow > deadline)
            {
                return cases;
            }

            await Task.Delay(50);
        }
    }

    private async Task<IReadOnlyList<Activity>> WaitForSpansAsync(string traceId, Func<IReadOnlyList<Activity>, bool> complete)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var spans = _spans.Where(s => s.TraceId.ToHexString() == traceId).ToList();
            if (complete(spans) || DateTime.UtcNow > deadline)
            {
                return spans;
            }

            await Task.Delay(50);
        }
    }
}
