using System.Diagnostics;
using Cx.Gateway.V1;
using Cx.Governance.V1;
using Grpc.Core;
using M = Cx.Measurement.V1;

namespace Cx.Chaos;

/// <summary>When the victims fall and how long the platform gets to recover.</summary>
public sealed record ChaosPlan
{
    /// <summary>Load before the first kill, so the first victim dies mid-stream.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// In order, one every <see cref="Interval"/>; one still coming back from an earlier kill is
    /// killed once it is back, and Redis only once every earlier victim is back and the clients
    /// are acknowledged again (and no sooner than an interval later).
    /// </summary>
    public IReadOnlyList<Victim> Victims { get; init; } = [];

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Load after every victim is back, so recovered processes also take new work.</summary>
    public TimeSpan Tail { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a client may keep retrying its last submission once the load stops.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The bound on settling: state still changing then is reported as it is.</summary>
    public TimeSpan SettleAtMost { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>State unchanged this long counts as settled, complete or not.</summary>
    public TimeSpan Quiet { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the gateway leases a webhook delivery it sends (its attempt timeout of 15 s and 30 s
    /// more): one a killed gateway was sending goes out again only after that.
    /// </summary>
    public TimeSpan WebhookLease { get; init; } = TimeSpan.FromSeconds(45);
}

/// <summary>
/// The chaos scenario: a tenant whose detractors open cases, two webhook subscribers, clients
/// recording responses through the gateway, the plan's victims killed and brought back under that
/// load; then the load stops, the platform settles, and what it kept is read back through the API
/// and held against what the clients were told.
/// </summary>
public static class ChaosScenario
{
    public const string Metric = "nps";
    public const string Journey = "buy";
    public const string Step = "delivery";
    public const string DetractorDetected = "cx.measurement.detractor_detected.v1";
    public const string CaseOpened = "cx.governance.case_opened.v1";

    /// <summary>The subscribers and the events each asked for: one hears both kinds, the other only cases.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Subscribers = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["everything"] = [DetractorDetected, CaseOpened],
        ["cases"] = [CaseOpened],
    };

    public static async Task<ChaosReport> RunAsync(ChaosTopology topology, ChaosPlan plan, ChaosLoadOptions loadOptions, Action<string> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(loadOptions);
        ArgumentNullException.ThrowIfNull(progress);

        var tenant = "chaos-" + loadOptions.RunId;
        var headers = new Metadata { { "x-api-key", await topology.CreateApiKeyAsync(tenant) } };
        using var channel = topology.GatewayChannel();
        var measurement = new M.MeasurementService.MeasurementServiceClient(channel);
        var governance = new GovernanceService.GovernanceServiceClient(channel);
        var webhooks = new WebhookService.WebhookServiceClient(channel);
        await measurement.CreateMetricDefinitionAsync(new M.CreateMetricDefinitionRequest { Metric = new M.MetricDefinition { MetricId = Metric, Kind = M.MetricKind.Nps, Name = "NPS", HigherIsBetter = true } }, headers, cancellationToken: cancellationToken);
        await governance.SetOwnershipAsync(new SetOwnershipRequest { Ownership = new Ownership { JourneyId = Journey, Accountable = "jo" } }, headers, cancellationToken: cancellationToken);
        await governance.SetCaseRuleAsync(new SetCaseRuleRequest { Rule = new CaseRule { RuleId = "detractors", MetricIds = { Metric }, MaxScore = 6, Priority = Common.V1.CasePriority.High, Assignment = Assignment.JourneyOwner, FallbackOwner = "cx-lead" } }, headers, cancellationToken: cancellationToken);

        await using var receiver = await WebhookReceiver.StartAsync();
        foreach (var (subscriber, types) in Subscribers)
        {
            var created = await webhooks.CreateWebhookSubscriptionAsync(new CreateWebhookSubscriptionRequest { Url = receiver.UrlOf(subscriber).ToString(), EventTypes = { types }, Description = "chaos " + subscriber }, headers, cancellationToken: cancellationToken);
            receiver.Trust(subscriber, created.Secret);
        }

        var restarts = new List<Restart>();
        var clock = Stopwatch.StartNew();
        await using var load = new ChaosLoad(topology.GatewayChannel, headers, loadOptions);
        load.Start();
        progress($"load: {loadOptions.Clients} clients, {loadOptions.DetractorShare:P0} detractors; {plan.Victims.Count} victims, one every {plan.Interval.TotalSeconds:0} s");
        await Task.Delay(plan.WarmUp, cancellationToken);

        // Kills keep their rhythm while earlier victims are still coming back, as crashes would; a
        // process is only killed again once it is back.
        var killing = new Dictionary<string, Task<Restart>>(StringComparer.Ordinal);
        var all = new List<Task<Restart>>();
        var nextKill = clock.Elapsed;
        foreach (var victim in plan.Victims)
        {
            if (nextKill > clock.Elapsed)
            {
                await Task.Delay(nextKill - clock.Elapsed, cancellationToken);
            }

            if (victim.Service == ChaosTopology.Redis)
            {
                // Redis dies under running consumers, not under ones still starting: a consumer
                // that starts after Redis came back empty makes its groups anew and would hide
                // whether a running one does. And under load: processes just back answer slowly
                // at first, so the clients get an interval and some acknowledgements first.
                if (killing.Values.Any(k => !k.IsCompleted))
                {
                    await Task.WhenAll(killing.Values);
                    await UntilAckedAgainAsync(load, loadOptions.Clients, plan.Interval, cancellationToken);
                }
            }
            else if (killing.TryGetValue(victim.Service, out var previous))
            {
                await previous;
            }

            nextKill = clock.Elapsed + plan.Interval;
            progress($"{clock.Elapsed.TotalSeconds,6:0.0} s  kill {victim}; acked so far {load.Acked.Count}");
            var restart = topology.KillAsync(victim, cancellationToken);
            killing[victim.Service] = restart;
            all.Add(restart);
        }

        restarts.AddRange(await Task.WhenAll(all));
        progress($"{clock.Elapsed.TotalSeconds,6:0.0} s  every victim is back: {string.Join(", ", restarts.Select(r => FormattableString.Invariant($"{r.Victim} {r.KillToReady.TotalSeconds:0.0} s")))}");
        await Task.Delay(plan.Tail, cancellationToken);
        await load.StopAsync(plan.StopGrace);
        var loadStopped = DateTime.UtcNow;
        progress($"{clock.Elapsed.TotalSeconds,6:0.0} s  load stopped: {load.Acked.Count} acked of {load.Attempted.Count} sent, {load.Failures} failed calls retried; settling");

        // A delivery a killed gateway was sending is sent again only once its lease has run out:
        // silence before then does not mean nothing more will come.
        var lastGatewayKill = restarts.Where(r => r.Victim.Service == "cx-gateway").Select(r => (DateTime?)r.KilledAtUtc).Max();
        var quietNotBefore = lastGatewayKill + plan.WebhookLease ?? DateTime.MinValue;
        var reader = new StateReader(measurement, governance, headers, load, receiver);
        var settled = await SettleAsync(reader, plan, quietNotBefore, cancellationToken);
        progress($"{clock.Elapsed.TotalSeconds,6:0.0} s  {(settled.Complete ? "settled" : "stopped changing, incomplete,")} {(settled.LastChangeUtc - loadStopped).TotalSeconds:0.0} s after the load stopped");

        return ChaosReport.From(load, settled.State, receiver, restarts, topology, settled.Complete, settled.LastChangeUtc - loadStopped,
            restarts.Count > 0 ? settled.LastChangeUtc - restarts[^1].KilledAtUtc : null);
    }

    /// <summary>Until at least <paramref name="count"/> more submissions are acknowledged, and no sooner than <paramref name="atLeast"/>; at most a minute.</summary>
    private static async Task UntilAckedAgainAsync(ChaosLoad load, int count, TimeSpan atLeast, CancellationToken cancellationToken)
    {
        var target = load.Acked.Count + count;
        var earliest = DateTime.UtcNow + atLeast;
        var latest = DateTime.UtcNow.AddMinutes(1);
        while ((load.Acked.Count < target || DateTime.UtcNow < earliest) && DateTime.UtcNow < latest)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static async Task<(PlatformState State, bool Complete, DateTime LastChangeUtc)> SettleAsync(StateReader reader, ChaosPlan plan, DateTime quietNotBefore, CancellationToken cancellationToken)
    {
        var start = DateTime.UtcNow;
        var lastChange = start;
        PlatformState? last = null;
        while (true)
        {
            var state = await reader.TryReadAsync(cancellationToken);
            var now = DateTime.UtcNow;
            if (state is not null)
            {
                if (last is null || state.Fingerprint != last.Fingerprint)
                {
                    last = state;
                    lastChange = now;
                }

                if (state.Complete)
                {
                    return (state, true, now);
                }

                if (now - lastChange >= plan.Quiet && now >= quietNotBefore)
                {
                    return (state, false, lastChange);
                }
            }

            if (now - start >= plan.SettleAtMost)
            {
                return (last ?? await reader.ReadAsync(cancellationToken), false, lastChange);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
