using System.Globalization;
using System.Text;

namespace Cx.Chaos;

/// <summary>The figures of one chaos run, and what in them breaks a promise.</summary>
public sealed record ChaosReport
{
    public required PlatformState State { get; init; }

    public int Sent { get; init; }

    public int FailedCalls { get; init; }

    public int WebhookDeliveries { get; init; }

    public int BadSignatures { get; init; }

    /// <summary>The kills, in order, each with the time until the victim was back.</summary>
    public required IReadOnlyList<Restart> Restarts { get; init; }

    /// <summary>Processes started again: one per kill, more when one died again before it was ready.</summary>
    public int ProcessStarts { get; init; }

    /// <summary>Per service, the lines saying a consumer group was re-created.</summary>
    public required IReadOnlyDictionary<string, int> RecreatedGroups { get; init; }

    /// <summary>Whether every expectation was met before the settle bound.</summary>
    public bool Settled { get; init; }

    /// <summary>From the load's stop to the last change seen (or to completion).</summary>
    public TimeSpan SettleAfterLoad { get; init; }

    public TimeSpan? SettleAfterLastKill { get; init; }

    /// <summary>Per victim, the lost responses and caseless detractors acknowledged after it was killed and before the next victim.</summary>
    public required IReadOnlyList<(Restart Kill, int Lost, int WithoutCase)> ByKill { get; init; }

    /// <summary>The same, for what was acknowledged before the first kill.</summary>
    public (int Lost, int WithoutCase) BeforeTheKills { get; init; }

    internal static ChaosReport From(ChaosLoad load, PlatformState state, WebhookReceiver receiver, IReadOnlyList<Restart> restarts, ChaosTopology topology, bool settled, TimeSpan afterLoad, TimeSpan? afterLastKill)
    {
        // Which kill a submission's fate followed: the last one before it was acknowledged (-1: none).
        int Phase(string submission) =>
            load.AckedAtUtc.TryGetValue(submission, out var at) ? restarts.Count(r => r.KilledAtUtc <= at) - 1 : -1;
        var lost = state.LostSubmissions.GroupBy(Phase).ToDictionary(g => g.Key, g => g.Count());
        var caseless = state.SubmissionsWithoutCase.GroupBy(Phase).ToDictionary(g => g.Key, g => g.Count());
        return new ChaosReport
        {
            State = state,
            Sent = load.Attempted.Count,
            FailedCalls = load.Failures,
            WebhookDeliveries = receiver.Deliveries,
            BadSignatures = receiver.BadSignatures,
            Restarts = restarts,
            ProcessStarts = topology.Restarts,
            RecreatedGroups = topology.RecreatedGroupLines.ToDictionary(StringComparer.Ordinal),
            Settled = settled,
            SettleAfterLoad = afterLoad,
            SettleAfterLastKill = afterLastKill,
            ByKill = [.. restarts.Select((r, i) => (r, lost.GetValueOrDefault(i), caseless.GetValueOrDefault(i)))],
            BeforeTheKills = (lost.GetValueOrDefault(-1), caseless.GetValueOrDefault(-1)),
        };
    }

    /// <summary>Each broken promise, in words; empty when the run kept them all.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var problems = new List<string>();
            void Add(int count, string what)
            {
                if (count > 0)
                {
                    problems.Add(count.ToString(CultureInfo.InvariantCulture) + " " + what);
                }
            }

            Add(State.Lost, "acknowledged responses not stored");
            Add(State.Doubled, "responses stored twice");
            Add(State.ChangedIds, "acknowledged responses stored under another id");
            Add(State.Unknown, "stored responses no client sent");
            Add(State.DetractorsWithoutCase, "detractor responses without a case");
            Add(State.DetractorsWithSeveralCases, "detractor responses with more than one case");
            Add(State.StrayCases, "cases about no detractor response");
            foreach (var (subscriber, webhook) in State.Webhooks)
            {
                Add(webhook.Missing, $"events never delivered to the '{subscriber}' subscriber (of {webhook.Expected})");
            }

            Add(BadSignatures, "webhook deliveries with a bad signature");
            return problems;
        }
    }

    public string Describe()
    {
        var text = new StringBuilder();
        void Line(string line) => text.AppendLine(line);
        var kills = Restarts.Select(r => r.KillToReady.TotalSeconds).Order().ToList();
        Line($"responses: {Sent} sent, {State.Acked} acked, {State.Stored.Count} stored; lost {State.Lost}, doubled {State.Doubled}, stored under another id {State.ChangedIds}, stored but never sent {State.Unknown}; {FailedCalls} failed calls retried");
        Line($"detractors: {State.Detractors}; cases {State.Cases.Count}; without a case {State.DetractorsWithoutCase}, with several {State.DetractorsWithSeveralCases}, stray cases {State.StrayCases}");
        foreach (var (subscriber, webhook) in State.Webhooks)
        {
            Line($"webhooks '{subscriber}': {webhook.Expected} events expected, {webhook.Missing} missing, {webhook.Repeated} under more than one id");
        }

        Line($"webhook deliveries received: {WebhookDeliveries} (repeats included), bad signatures {BadSignatures}");
        Line($"kills: {Restarts.Count}, processes started again: {ProcessStarts} ({string.Join(", ", Restarts.GroupBy(r => r.Victim.ToString(), StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"))})");
        if (kills.Count > 0)
        {
            Line(FormattableString.Invariant($"kill to ready: min {kills[0]:0.0} s, median {kills[kills.Count / 2]:0.0} s, max {kills[^1]:0.0} s"));
        }

        if (State.Lost + State.DetractorsWithoutCase > 0)
        {
            Line($"lost / without a case, by when they were acknowledged: before the first kill {BeforeTheKills.Lost} / {BeforeTheKills.WithoutCase}; " +
                string.Join("; ", ByKill.Where(k => k.Lost + k.WithoutCase > 0).Select(k => $"after killing {k.Kill.Victim} {k.Lost} / {k.WithoutCase}")));
        }

        Line($"consumer groups re-created (log lines): {RecreatedGroups.Values.Sum()}{(RecreatedGroups.Count > 0 ? " (" + string.Join(", ", RecreatedGroups.Select(r => $"{r.Key} {r.Value}")) + ")" : string.Empty)}");
        Line(FormattableString.Invariant($"{(Settled ? "settled" : "did not settle: state stopped changing incomplete, or the bound passed,")} {SettleAfterLoad.TotalSeconds:0.0} s after the load stopped") +
            (SettleAfterLastKill is { } afterKill ? FormattableString.Invariant($", {afterKill.TotalSeconds:0.0} s after the last kill") : string.Empty));
        return text.ToString();
    }
}
