using System.Collections.Concurrent;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.Segments;
using Cx.Understanding.Profiles;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Segments;

/// <summary>A segment as upkeep reads it: its row and its rule.</summary>
internal sealed record LoadedSegment(SegmentRecord Record, SegmentRule Rule);

/// <summary>Why customers join and leave in one evaluation.</summary>
internal sealed record MembershipReasons(V1.MembershipReason Join, V1.MembershipReason Leave)
{
    public static readonly MembershipReasons Rule = new(V1.MembershipReason.RuleMatched, V1.MembershipReason.NoLongerMatches);

    public static readonly MembershipReasons Merged = new(V1.MembershipReason.Merged, V1.MembershipReason.Merged);

    public static readonly MembershipReasons Unmerged = new(V1.MembershipReason.Unmerged, V1.MembershipReason.Unmerged);

    public static readonly MembershipReasons SegmentChanged = new(V1.MembershipReason.SegmentChanged, V1.MembershipReason.SegmentChanged);
}

/// <summary>
/// Keeps memberships as customers' facts change: a change names the customer and what it touched
/// (attribute keys, metrics, channels); only the segments whose rules read one of those are
/// evaluated again, against one load of that customer's facts, in the transaction of the change.
/// Each join and leave writes a history row, moves the segment's member count (an atomic increment)
/// and raises one segment_membership_changed. A membership that is already so changes nothing, so
/// a change seen twice joins and leaves nobody twice.
/// </summary>
internal sealed class SegmentUpkeep(UnderstandingDb db, CompiledSegmentRules rules, TimeProvider clock)
{
    /// <summary>Runs <paramref name="work"/> and the upkeep it does in one transaction (the caller's, when one is open).</summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The customer's facts changed where <paramref name="dependencies"/> say: the segments that read them are evaluated again. Saves.</summary>
    public async Task<int> CustomerChangedAsync(string customerId, IEnumerable<string> dependencies, CancellationToken cancellationToken)
    {
        var keys = dependencies.Distinct(StringComparer.Ordinal).ToArray();
        if (keys.Length == 0)
        {
            return 0;
        }

        var ids = await db.SegmentDependencies.Where(d => keys.Contains(d.Dependency)).Select(d => d.SegmentId).Distinct().ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        return await EvaluateAsync(customerId, await LoadAsync(ids, cancellationToken), MembershipReasons.Rule, cancellationToken);
    }

    /// <summary>The customer against every segment of the tenant (a merge or its undo changed everything about them). Saves.</summary>
    public async Task<int> CustomerReplacedAsync(string customerId, MembershipReasons reasons, CancellationToken cancellationToken) =>
        await EvaluateAsync(customerId, await LoadAsync(null, cancellationToken), reasons, cancellationToken);

    /// <summary>Evaluates one customer against <paramref name="segments"/>, with one load of their facts, and saves what changed.</summary>
    public Task<int> EvaluateAsync(string customerId, IReadOnlyList<LoadedSegment> segments, MembershipReasons reasons, CancellationToken cancellationToken) =>
        EvaluateAsync([customerId], segments, reasons, cancellationToken);

    /// <summary>Evaluates customers against <paramref name="segments"/>, their facts read in one query per kind, and saves what changed.</summary>
    public async Task<int> EvaluateAsync(IReadOnlyList<string> customerIds, IReadOnlyList<LoadedSegment> segments, MembershipReasons reasons, CancellationToken cancellationToken)
    {
        if (segments.Count == 0 || customerIds.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var facts = await FactsAsync(customerIds, segments.Select(s => s.Rule).ToList(), now, cancellationToken);
        var ids = segments.Select(s => s.Record.SegmentId).ToArray();
        var customers = customerIds.ToArray();
        var current = (await db.SegmentMembers.Where(m => customers.Contains(m.CustomerId) && ids.Contains(m.SegmentId)).ToListAsync(cancellationToken))
            .ToDictionary(m => (m.SegmentId, m.CustomerId));
        var changes = 0;
        foreach (var customerId in customerIds)
        {
            var known = facts.GetValueOrDefault(customerId);
            foreach (var segment in segments)
            {
                var verdict = known is null ? SegmentVerdict.NotMember : SegmentEvaluation.Evaluate(segment.Rule, known, now);
                current.TryGetValue((segment.Record.SegmentId, customerId), out var member);
                if (verdict.Member && member is null)
                {
                    db.SegmentMembers.Add(new SegmentMemberRecord { SegmentId = segment.Record.SegmentId, CustomerId = customerId, SinceUtc = now, LapsesAtUtc = verdict.LapsesAtUtc });
                    await ChangedAsync(segment.Record, customerId, joined: true, reasons.Join, now, cancellationToken);
                    changes++;
                }
                else if (verdict.Member && member!.LapsesAtUtc != verdict.LapsesAtUtc)
                {
                    member.LapsesAtUtc = verdict.LapsesAtUtc;
                }
                else if (!verdict.Member && member is not null)
                {
                    db.SegmentMembers.Remove(member);
                    await ChangedAsync(segment.Record, customerId, joined: false, reasons.Leave, now, cancellationToken);
                    changes++;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changes;
    }

    /// <summary>The customer leaves the segment (it is being deleted). Not saved.</summary>
    public async Task LeaveAsync(LoadedSegment segment, string customerId, V1.MembershipReason reason, CancellationToken cancellationToken)
    {
        var membership = await db.SegmentMembers.FirstAsync(m => m.SegmentId == segment.Record.SegmentId && m.CustomerId == customerId, cancellationToken);
        db.SegmentMembers.Remove(membership);
        await ChangedAsync(segment.Record, customerId, joined: false, reason, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>The customer leaves every segment (merged into another profile). Saves.</summary>
    public async Task<int> LeaveAllAsync(string customerId, V1.MembershipReason reason, CancellationToken cancellationToken)
    {
        var memberships = await db.SegmentMembers.Where(m => m.CustomerId == customerId).ToListAsync(cancellationToken);
        var ids = memberships.Select(m => m.SegmentId).ToArray();
        var segments = await db.Segments.AsNoTracking().Where(s => ids.Contains(s.SegmentId)).ToDictionaryAsync(s => s.SegmentId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var membership in memberships)
        {
            db.SegmentMembers.Remove(membership);
            await ChangedAsync(segments[membership.SegmentId], customerId, joined: false, reason, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return memberships.Count;
    }

    /// <summary>
    /// An erased customer's memberships, history and scores go; each membership's end is published
    /// under the erasure hash only, so the outbox keeps no id of theirs and Measurement still drops them.
    /// Not saved: part of the erasure's one save.
    /// </summary>
    public async Task EraseAsync(IReadOnlyCollection<string> customerIds, CancellationToken cancellationToken)
    {
        var ids = customerIds.ToArray();
        var memberships = await db.SegmentMembers.Where(m => ids.Contains(m.CustomerId)).ToListAsync(cancellationToken);
        var segmentIds = memberships.Select(m => m.SegmentId).Distinct().ToArray();
        var segments = await db.Segments.AsNoTracking().Where(s => segmentIds.Contains(s.SegmentId)).ToDictionaryAsync(s => s.SegmentId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var membership in memberships)
        {
            var segment = segments[membership.SegmentId];
            await CountAsync(segment.SegmentId, -1, cancellationToken);
            var hash = ProfilesApi.ErasureHash(db.CurrentTenantId, membership.CustomerId);
            db.Raise(new SegmentMembershipChanged
            {
                SegmentId = segment.SegmentId,
                SegmentVersion = segment.Version,
                CustomerHash = hash,
                Joined = false,
                Reason = SegmentMembershipReason.Erased,
                At = ContractMapping.ToTimestamp(now),
            }, hash);
        }

        db.SegmentMembers.RemoveRange(memberships);
        db.SegmentHistory.RemoveRange(await db.SegmentHistory.Where(h => ids.Contains(h.CustomerId)).ToListAsync(cancellationToken));
        db.ScoreFacts.RemoveRange(await db.ScoreFacts.Where(s => ids.Contains(s.CustomerId)).ToListAsync(cancellationToken));
    }

    /// <summary>
    /// A response folded into a customer's history: its scores kept once (a redelivery under
    /// another event id finds them), and the segments that read those metrics evaluated. Saves.
    /// </summary>
    public async Task ResponseFoldedAsync(ResponseRecorded response, CancellationToken cancellationToken)
    {
        var key = "response:" + response.ResponseId;
        var entry = response.ResponseId.Length == 0 ? null
            : await db.Timeline.AsNoTracking().Where(e => e.SourceKey == key).Select(e => new { e.EntryId, e.CustomerId, e.OccurredAtUtc }).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            // Nobody's (no customer, or an erased one).
            return;
        }

        var scores = response.Answers.Where(a => a.HasScore && Cx.Domain.Errors.Identifier.IsReference(a.MetricId, SegmentLimits.MaxMetricId)).Select(a => (a.MetricId, a.Score));
        var keys = await AddScoresAsync(response.ResponseId, entry.CustomerId, entry.EntryId, entry.OccurredAtUtc, scores, cancellationToken);
        if (keys.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            await CustomerChangedAsync(entry.CustomerId, keys, cancellationToken);
        }
    }

    /// <summary>The scores of a response folded into a customer's history: kept once per response and metric. Not saved.</summary>
    public async Task<IReadOnlyList<string>> AddScoresAsync(string responseId, string customerId, string entryId, DateTime occurredAtUtc, IEnumerable<(string MetricId, int Score)> scores, CancellationToken cancellationToken)
    {
        if (await db.ScoreFacts.AnyAsync(s => s.ResponseId == responseId, cancellationToken))
        {
            return [];
        }

        var metrics = new List<string>();
        foreach (var (metricId, score) in scores.DistinctBy(s => s.MetricId))
        {
            db.ScoreFacts.Add(new ScoreFactRecord { ResponseId = responseId, MetricId = metricId, CustomerId = customerId, Score = score, OccurredAtUtc = occurredAtUtc, EntryId = entryId });
            metrics.Add(SegmentDependencies.Scores(metricId));
        }

        return metrics;
    }

    /// <summary>Scores follow their timeline entries to <paramref name="customerId"/> (a merge, or its undo). Not saved.</summary>
    public async Task MoveScoresAsync(IReadOnlyCollection<string> entryIds, string customerId, CancellationToken cancellationToken)
    {
        var ids = entryIds.ToArray();
        foreach (var score in await db.ScoreFacts.Where(s => ids.Contains(s.EntryId)).ToListAsync(cancellationToken))
        {
            score.CustomerId = customerId;
        }
    }

    /// <summary>The tenant's segments with these ids (null: all of them), with their rules.</summary>
    public async Task<IReadOnlyList<LoadedSegment>> LoadAsync(IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var query = db.Segments.AsNoTracking();
        if (ids is not null)
        {
            var wanted = ids.ToArray();
            query = query.Where(s => wanted.Contains(s.SegmentId));
        }

        var records = await query.OrderBy(s => s.SegmentId).ToListAsync(cancellationToken);
        return records.Select(r => new LoadedSegment(r, rules.Get(r))).ToList();
    }

    /// <summary>What the rules read about each customer, as far back as their widest windows; a customer without a profile has none.</summary>
    private async Task<Dictionary<string, CustomerFacts>> FactsAsync(IReadOnlyList<string> customerIds, IReadOnlyList<SegmentRule> segmentRules, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var ids = customerIds.ToArray();
        var attributes = await db.Profiles.AsNoTracking().Where(p => ids.Contains(p.CustomerId)).ToDictionaryAsync(p => p.CustomerId, p => p.AttributesJson, cancellationToken);
        foreach (var tracked in db.ChangeTracker.Entries<Profiles.ProfileRecord>().Where(e => ids.Contains(e.Entity.CustomerId)))
        {
            // What the change in hand holds, saved or not.
            if (tracked.State == EntityState.Deleted)
            {
                attributes.Remove(tracked.Entity.CustomerId);
            }
            else
            {
                attributes[tracked.Entity.CustomerId] = tracked.Entity.AttributesJson;
            }
        }

        var (scoreDays, contactDays) = SegmentDependencies.Windows(segmentRules);
        ILookup<string, ScoreFact> scores = Array.Empty<ScoreFact>().ToLookup(_ => string.Empty);
        if (scoreDays.Count > 0)
        {
            var metrics = scoreDays.Keys.ToArray();
            var since = nowUtc.AddDays(-scoreDays.Values.Max());
            scores = (await db.ScoreFacts.Where(s => ids.Contains(s.CustomerId) && metrics.Contains(s.MetricId) && s.OccurredAtUtc > since)
                .Select(s => new { s.CustomerId, s.MetricId, s.Score, s.OccurredAtUtc }).ToListAsync(cancellationToken))
                .ToLookup(s => s.CustomerId, s => new ScoreFact(s.MetricId, s.Score, s.OccurredAtUtc));
        }

        ILookup<string, ContactFact> contacts = Array.Empty<ContactFact>().ToLookup(_ => string.Empty);
        if (contactDays > 0)
        {
            var since = nowUtc.AddDays(-contactDays);
            const int interaction = (int)V1.EntryKind.Interaction;
            contacts = (await db.Timeline.Where(e => ids.Contains(e.CustomerId) && e.OccurredAtUtc > since && e.Kind == interaction)
                .Select(e => new { e.CustomerId, e.Channel, e.OccurredAtUtc }).ToListAsync(cancellationToken))
                .ToLookup(e => e.CustomerId, e => new ContactFact(e.Channel, e.OccurredAtUtc));
        }

        return attributes.ToDictionary(
            a => a.Key,
            a => new CustomerFacts(StoredJson.Read<Dictionary<string, string>>(a.Value), scores[a.Key].ToList(), contacts[a.Key].ToList()),
            StringComparer.Ordinal);
    }

    /// <summary>A join or a leave: the history row, the member count, and the event.</summary>
    private async Task ChangedAsync(SegmentRecord segment, string customerId, bool joined, V1.MembershipReason reason, DateTime now, CancellationToken cancellationToken)
    {
        var sequence = 1 + Math.Max(
            await db.SegmentHistory.Where(h => h.SegmentId == segment.SegmentId && h.CustomerId == customerId).MaxAsync(h => (long?)h.Sequence, cancellationToken) ?? 0,
            db.SegmentHistory.Local.Where(h => h.SegmentId == segment.SegmentId && h.CustomerId == customerId).Select(h => h.Sequence).DefaultIfEmpty(0).Max());
        db.SegmentHistory.Add(new SegmentHistoryRecord
        {
            SegmentId = segment.SegmentId,
            SegmentVersion = segment.Version,
            CustomerId = customerId,
            Joined = joined,
            Reason = (int)reason,
            Sequence = sequence,
            AtUtc = now,
        });
        await CountAsync(segment.SegmentId, joined ? 1 : -1, cancellationToken);
        db.Raise(new SegmentMembershipChanged
        {
            SegmentId = segment.SegmentId,
            SegmentVersion = segment.Version,
            CustomerId = customerId,
            CustomerHash = ProfilesApi.ErasureHash(db.CurrentTenantId, customerId),
            Joined = joined,
            Reason = (SegmentMembershipReason)(int)reason,
            At = ContractMapping.ToTimestamp(now),
            Sequence = sequence,
        }, customerId);
    }

    /// <summary>An atomic increment in the database, in the change's transaction: concurrent changes never lose one, and the segment's version stays.</summary>
    private Task<int> CountAsync(string segmentId, int delta, CancellationToken cancellationToken) =>
        db.Segments.Where(s => s.SegmentId == segmentId).ExecuteUpdateAsync(s => s.SetProperty(x => x.MemberCount, x => x.MemberCount + delta), cancellationToken);
}

/// <summary>Segment rules read once per stored text: the same rule, in any tenant or segment, is parsed once.</summary>
internal sealed class CompiledSegmentRules
{
    private readonly ConcurrentDictionary<string, SegmentRule> _rules = new(StringComparer.Ordinal);

    public SegmentRule Get(SegmentRecord record) =>
        _rules.GetOrAdd(record.RuleJson, json => SegmentMapping.ToDomain(StoredJson.Message<V1.SegmentRule>(json)));
}
