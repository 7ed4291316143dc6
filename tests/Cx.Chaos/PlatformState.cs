using Cx.Governance.V1;
using Grpc.Core;
using M = Cx.Measurement.V1;

namespace Cx.Chaos;

/// <summary>A stored response as the API gives it back.</summary>
public sealed record StoredResponse(string SubmissionId, string ResponseId);

/// <summary>
/// What the platform holds, read back through the gateway, judged against what the clients sent
/// and were told, and against what the webhook subscribers got. Every expectation is computed here
/// from the clients' own submissions, not from anything the platform reports about itself.
/// </summary>
public sealed record PlatformState
{
    public required IReadOnlyList<StoredResponse> Stored { get; init; }

    /// <summary>Per case, the responses among its signals.</summary>
    public required IReadOnlyList<(string CaseId, IReadOnlyList<string> ResponseIds)> Cases { get; init; }

    public required IReadOnlyCollection<ReceivedEvent> Events { get; init; }

    public int Acked { get; init; }

    /// <summary>Acknowledged submissions not stored.</summary>
    public int Lost => LostSubmissions.Count;

    /// <summary>Extra stored rows of a submission stored more than once.</summary>
    public int Doubled { get; init; }

    /// <summary>Stored responses no client sent.</summary>
    public int Unknown { get; init; }

    /// <summary>Acknowledged submissions stored under another response id than the one acknowledged.</summary>
    public int ChangedIds { get; init; }

    /// <summary>Stored responses the clients scored 0-6.</summary>
    public int Detractors { get; init; }

    public int DetractorsWithoutCase => SubmissionsWithoutCase.Count;

    /// <summary>The detractor submissions that have no case.</summary>
    public IReadOnlyList<string> SubmissionsWithoutCase { get; init; } = [];

    /// <summary>The acknowledged submissions not stored.</summary>
    public IReadOnlyList<string> LostSubmissions { get; init; } = [];

    public int DetractorsWithSeveralCases { get; init; }

    /// <summary>Cases about no stored detractor response.</summary>
    public int StrayCases { get; init; }

    /// <summary>Per subscriber: the events it should have had, and how many of them it never got.</summary>
    public required IReadOnlyDictionary<string, (int Expected, int Missing, int Repeated)> Webhooks { get; init; }

    /// <summary>All that can still arrive has: nothing lost, every detractor has its case, every subscriber every event.</summary>
    public bool Complete => Lost == 0 && DetractorsWithoutCase == 0 && Webhooks.Values.All(w => w.Missing == 0);

    /// <summary>Changes whenever anything more is stored, opened or delivered.</summary>
    public (int, int, int) Fingerprint => (Stored.Count, Cases.Count, Events.Count);

    public static PlatformState Judge(ChaosLoad load, IReadOnlyList<StoredResponse> stored, IReadOnlyList<(string CaseId, IReadOnlyList<string> ResponseIds)> cases, IReadOnlyCollection<ReceivedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(events);
        var acked = load.Acked.ToDictionary(StringComparer.Ordinal);
        var bySubmission = stored.GroupBy(s => s.SubmissionId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var detractorSubmissions = bySubmission
            .Where(s => load.Attempted.TryGetValue(s.Key, out var sent) && sent.Detractor)
            .ToDictionary(s => s.Value[0].ResponseId, s => s.Key, StringComparer.Ordinal);
        var detractors = detractorSubmissions.Keys.ToHashSet(StringComparer.Ordinal);
        var casesPerResponse = cases.SelectMany(c => c.ResponseIds.Distinct(StringComparer.Ordinal)).GroupBy(r => r, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var webhooks = new Dictionary<string, (int, int, int)>(StringComparer.Ordinal);
        foreach (var (subscriber, types) in ChaosScenario.Subscribers)
        {
            var got = events.Where(e => e.Subscriber == subscriber).GroupBy(e => (e.Type, e.ResponseId)).ToDictionary(g => g.Key, g => g.Count());
            var expected = types.SelectMany(t => detractors.Select(r => (Type: t, ResponseId: r))).ToList();
            webhooks[subscriber] = (expected.Count, expected.Count(e => !got.ContainsKey(e)), got.Count(g => g.Value > 1));
        }

        return new PlatformState
        {
            Stored = stored,
            Cases = cases,
            Events = events,
            Acked = acked.Count,
            LostSubmissions = [.. acked.Keys.Where(s => !bySubmission.ContainsKey(s))],
            Doubled = bySubmission.Values.Sum(rows => rows.Count - 1),
            Unknown = bySubmission.Keys.Count(s => !load.Attempted.ContainsKey(s)),
            ChangedIds = acked.Count(a => bySubmission.TryGetValue(a.Key, out var rows) && rows.All(r => r.ResponseId != a.Value)),
            Detractors = detractors.Count,
            SubmissionsWithoutCase = [.. detractors.Where(r => !casesPerResponse.ContainsKey(r)).Select(r => detractorSubmissions[r])],
            DetractorsWithSeveralCases = detractors.Count(r => casesPerResponse.GetValueOrDefault(r) > 1),
            StrayCases = cases.Count(c => !c.ResponseIds.Any(detractors.Contains)),
            Webhooks = webhooks,
        };
    }
}

/// <summary>Reads the platform's state through the gateway, as an integrator would.</summary>
internal sealed class StateReader(M.MeasurementService.MeasurementServiceClient measurement, GovernanceService.GovernanceServiceClient governance, Metadata headers, ChaosLoad load, WebhookReceiver receiver)
{
    /// <summary>Null when a call failed (a process not quite back yet): the caller polls again.</summary>
    public async Task<PlatformState?> TryReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(cancellationToken);
        }
        catch (RpcException)
        {
            return null;
        }
    }

    public async Task<PlatformState> ReadAsync(CancellationToken cancellationToken)
    {
        // The subscribers' view first: anything they got is then already stored and opened when those are read.
        var events = receiver.Events;
        var stored = new List<StoredResponse>();
        using (var export = measurement.ExportResponses(new M.ExportResponsesRequest(), headers, DateTime.UtcNow.AddSeconds(30), cancellationToken))
        {
            await foreach (var response in export.ResponseStream.ReadAllAsync(cancellationToken))
            {
                stored.Add(new StoredResponse(response.Response.SubmissionId, response.ResponseId));
            }
        }

        var cases = new List<(string, IReadOnlyList<string>)>();
        var token = string.Empty;
        do
        {
            var page = await governance.ListCasesAsync(new ListCasesRequest { PageSize = 100, PageToken = token }, headers, DateTime.UtcNow.AddSeconds(30), cancellationToken);
            cases.AddRange(page.Cases.Select(c => (c.CaseId, (IReadOnlyList<string>)[.. c.Signals.Select(s => s.ResponseId)])));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return PlatformState.Judge(load, stored, cases, events);
    }
}
