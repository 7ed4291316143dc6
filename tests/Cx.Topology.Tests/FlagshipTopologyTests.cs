using System.Diagnostics;
using Cx.Common.V1;
using Cx.Governance.V1;
using Cx.Topology.Tests.Otlp;
using Cx.Topology.Tests.Support;
using Grpc.Core;
using StackExchange.Redis;
using M = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Topology.Tests;

/// <summary>
/// The flagship flow across processes started from tye.yaml (redis backend): a detractor response
/// recorded through the gateway opens a case in governance, in one trace that spans the processes;
/// and a governance process killed mid-stream and restarted loses nothing and doubles nothing.
/// </summary>
public sealed class FlagshipTopologyTests(TopologyFixture topology) : IClassFixture<TopologyFixture>
{
    private const string DetractorDetected = "cx.measurement.detractor_detected.v1";

    [Fact]
    public async Task DetractorThroughTheGateway_OpensACase_InOneTraceAcrossTheProcesses()
    {
        var platform = await PlatformAsync("loop");
        using var listener = TraceEverything();
        using var source = new ActivitySource("Cx.Topology.Tests");

        string traceId;
        using (var answer = source.StartActivity("customer answers a survey", ActivityKind.Client))
        {
            traceId = answer!.TraceId.ToHexString();
            await platform.Measurement.RecordResponseAsync(new M.RecordResponseRequest { Response = Detractor("s-1", "ann") }, platform.Headers, DateTime.UtcNow.AddSeconds(30));
        }

        var opened = Assert.Single(await WaitForAsync(() => platform.CasesAsync("ann"), cases => cases.Count > 0, "a case for ann"));
        Assert.Equal(("buy", "delivery", "jo", CaseStatus.Open), (opened.JourneyId, opened.JourneyStepId, opened.Owner, opened.Status));

        // Each process exports its spans in its own batches, at its own moment: wait for every
        // process's spans, not for the last one to happen.
        var spans = await WaitForAsync(
            () => Task.FromResult(topology.Telemetry.Spans.Where(s => s.TraceId == traceId).ToList()),
            found => found.Any(s => s.Service == "cx-governance" && s.Kind == Span.Types.SpanKind.Consumer)
                && found.Any(s => s.Service == "cx-gateway") && found.Any(s => s.Service == "cx-measurement" && s.Kind == Span.Types.SpanKind.Producer),
            $"the spans of every process in trace {traceId}");
        Assert.Superset(new HashSet<string> { "cx-gateway", "cx-measurement", "cx-governance" }, spans.Select(s => s.Service).ToHashSet());
        Assert.Contains(spans, s => s.Service == "cx-gateway" && s.Kind == Span.Types.SpanKind.Server);
        Assert.Contains(spans, s => s.Service == "cx-measurement" && s.Kind == Span.Types.SpanKind.Server);
        Assert.Contains(spans, s => s.Service == "cx-measurement" && s.Kind == Span.Types.SpanKind.Producer && Destination(s) == DetractorDetected);
        Assert.Contains(spans, s => s.Service == "cx-governance" && s.Kind == Span.Types.SpanKind.Consumer && Destination(s) == DetractorDetected);

        // The RPC conventions on the service's gRPC span; the messaging ones on the event's.
        var call = Assert.Single(spans, s => s.Service == "cx-measurement" && s.Kind == Span.Types.SpanKind.Server);
        Assert.Equal("cx.measurement.v1.MeasurementService/RecordResponse", call.Name);
        Assert.Equal(
            ("grpc", "cx.measurement.v1.MeasurementService", "RecordResponse", "0", AnyValue.ValueOneofCase.IntValue),
            (call.Attributes.GetValueOrDefault("rpc.system"), call.Attributes.GetValueOrDefault("rpc.service"), call.Attributes.GetValueOrDefault("rpc.method"),
                call.Attributes.GetValueOrDefault("rpc.grpc.status_code"), call.Types.GetValueOrDefault("rpc.grpc.status_code")));
        var consumer = spans.First(s => s.Service == "cx-governance" && s.Kind == Span.Types.SpanKind.Consumer && Destination(s) == DetractorDetected);
        Assert.Equal(("process", "process", "governance"), (consumer.Attributes.GetValueOrDefault("messaging.operation.name"), consumer.Attributes.GetValueOrDefault("messaging.operation.type"), consumer.Attributes.GetValueOrDefault("cx.service")));

        // Probes are polled all along; none is traced, in any process.
        Assert.DoesNotContain(topology.Telemetry.Spans, s => (s.Attributes.GetValueOrDefault("url.path") ?? string.Empty) is var path
            && (path.StartsWith("/health", StringComparison.Ordinal) || path.StartsWith("/v1.0/healthz", StringComparison.Ordinal)));
        Assert.DoesNotContain(topology.Telemetry.Spans, s => (s.Attributes.GetValueOrDefault("url.full") ?? string.Empty).Contains("/health", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GovernanceKilledMidStream_AndRestarted_EveryDetractorGetsExactlyOneCase()
    {
        var platform = await PlatformAsync("crash");
        var recorded = new List<string>();
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Responses keep coming before, during and after the crash: the stream only ends once
        // governance is back and a good number has been recorded.
        var recording = Task.Run(async () =>
        {
            for (var i = 0; recorded.Count < 40 || !restarted.Task.IsCompleted; i++)
            {
                var customer = $"c-{i:D3}";
                await platform.Measurement.RecordResponseAsync(new M.RecordResponseRequest { Response = Detractor($"s-{i:D3}", customer) }, platform.Headers, DateTime.UtcNow.AddSeconds(30));
                recorded.Add(customer);
                if (recorded.Count == 15)
                {
                    killNow.TrySetResult();
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20));
            }
        });

        await killNow.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await UntilGovernanceHoldsDeliveriesAsync(TimeSpan.FromSeconds(5));
        await topology.Runner.KillAsync("cx-governance");
        topology.Runner.Start("cx-governance");
        await topology.Runner.WaitReadyAsync("cx-governance", CancellationToken.None);
        restarted.SetResult();
        await recording.WaitAsync(TimeSpan.FromMinutes(2));

        await WaitForAsync(() => platform.CasesAsync(), cases => cases.Count >= recorded.Count, $"{recorded.Count} cases");
        await WaitForAsync(GovernanceCaughtUpAsync, done => done, "governance's subscription to have nothing pending and nothing unread");
        var final = await platform.CasesAsync();

        Assert.Equal(recorded.Order(StringComparer.Ordinal), final.Select(c => c.CustomerId).Order(StringComparer.Ordinal));
        Assert.All(final, c => Assert.Single(c.Signals));
    }

    /// <summary>
    /// Best effort, to make the crash land mid-delivery: returns as soon as governance holds deliveries
    /// it has not acknowledged (they must then reach its successor), or after <paramref name="atMost"/>.
    /// </summary>
    private async Task UntilGovernanceHoldsDeliveriesAsync(TimeSpan atMost)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(topology.Redis.Configuration);
        var database = redis.GetDatabase();
        var deadline = DateTime.UtcNow + atMost;
        while (DateTime.UtcNow < deadline)
        {
            var groups = await database.StreamGroupInfoAsync("cx:stream:" + DetractorDetected);
            if (groups.Any(g => g.Name.StartsWith("governance.", StringComparison.Ordinal) && g.PendingMessageCount > 0))
            {
                return;
            }
        }
    }

    /// <summary>Nothing is pending with any governance consumer (the dead one's were claimed) and nothing is left unread.</summary>
    private async Task<bool> GovernanceCaughtUpAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(topology.Redis.Configuration);
        var groups = await redis.GetDatabase().StreamGroupInfoAsync("cx:stream:" + DetractorDetected);
        var governance = Assert.Single(groups, g => g.Name.StartsWith("governance.", StringComparison.Ordinal));
        return governance.PendingMessageCount == 0 && governance.Lag == 0;
    }

    private static string? Destination(ReceivedSpan span) => span.Attributes.GetValueOrDefault("messaging.destination.name");

    /// <summary>A tenant set up through the gateway: an NPS metric, a journey owner, a rule that opens a case per detractor.</summary>
    private async Task<TenantCalls> PlatformAsync(string tenant)
    {
        var key = await topology.CreateApiKeyAsync(tenant);
        var channel = topology.GatewayChannel();
        var calls = new TenantCalls(new M.MeasurementService.MeasurementServiceClient(channel), new GovernanceService.GovernanceServiceClient(channel), new Metadata { { "x-api-key", key } });
        await calls.Measurement.CreateMetricDefinitionAsync(new M.CreateMetricDefinitionRequest { Metric = new M.MetricDefinition { MetricId = "nps", Kind = M.MetricKind.Nps, Name = "NPS", HigherIsBetter = true } }, calls.Headers);
        await calls.Governance.SetOwnershipAsync(new SetOwnershipRequest { Ownership = new Ownership { JourneyId = "buy", Accountable = "jo" } }, calls.Headers);
        await calls.Governance.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = new CaseRule { RuleId = "detractors", MetricIds = { "nps" }, MaxScore = 6, Priority = CasePriority.High, Assignment = Assignment.JourneyOwner, FallbackOwner = "cx-lead" } }, calls.Headers);
        return calls;
    }

    private static M.Response Detractor(string submission, string customer) => new()
    {
        SubmissionId = submission,
        Context = new CommonV1.ResponseContext { CustomerId = customer, JourneyId = "buy", JourneyStepId = "delivery", Channel = "web" },
        Answers = { new CommonV1.Answer { MetricId = "nps", Score = 2 } },
    };

    /// <summary>The test's own activities are recorded, so its calls carry a trace context the processes continue.</summary>
    private static ActivityListener TraceEverything()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>Polls until the condition holds; a generous deadline for a slow machine, then the last value and the processes' output.</summary>
    private async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited two minutes for {what}.\n{topology.Output()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private sealed record TenantCalls(M.MeasurementService.MeasurementServiceClient Measurement, GovernanceService.GovernanceServiceClient Governance, Metadata Headers)
    {
        public async Task<IReadOnlyList<Case>> CasesAsync(string? customer = null)
        {
            var cases = new List<Case>();
            var token = string.Empty;
            do
            {
                var page = await Governance.ListCasesAsync(new ListCasesRequest { CustomerId = customer ?? string.Empty, PageSize = 100, PageToken = token }, Headers, DateTime.UtcNow.AddSeconds(30));
                cases.AddRange(page.Cases);
                token = page.NextPageToken;
            }
            while (token.Length > 0);
            return cases;
        }
    }
}
