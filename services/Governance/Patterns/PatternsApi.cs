using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Governance.Audit;
using Cx.Governance.Cases;
using Cx.Governance.Data;
using Cx.Governance.Sla;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Governance.V1;

namespace Cx.Governance.Patterns;

/// <summary>
/// The outer loop's register: resolved cases that share a journey step and a root cause become a
/// pattern once they recur above the tenant's threshold (pattern_registered), and keep counting after.
/// </summary>
internal sealed class PatternsApi(GovernanceDb db, PoliciesApi policies, AuditLog audit, TimeProvider clock)
{
    public const int MaxCaseIdsKept = 50;

    /// <summary>Counts a case being resolved (not yet saved) toward its step's and root cause's pattern.</summary>
    public async Task CountResolvedCaseAsync(CaseRecord resolved, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pattern = await db.Patterns.FirstOrDefaultAsync(p => p.JourneyId == resolved.JourneyId && p.JourneyStepId == resolved.JourneyStepId && p.RootCauseCategory == resolved.RootCauseCategory, cancellationToken);
        if (pattern is not null)
        {
            var caseIds = StoredJson.Strings(pattern.CaseIdsJson).ToList();
            if (!caseIds.Contains(resolved.CaseId))
            {
                pattern.Occurrences++;
                pattern.LastSeenUtc = now.UtcDateTime;
                pattern.CaseIdsJson = StoredJson.Of(caseIds.Prepend(resolved.CaseId).Take(MaxCaseIdsKept));
            }

            return;
        }

        var policy = await policies.PatternsAsync(cancellationToken);
        var windowStart = policy.WindowStart(now).UtcDateTime;
        var earlier = await db.Cases
            .Where(c => c.JourneyId == resolved.JourneyId && c.JourneyStepId == resolved.JourneyStepId && c.RootCauseCategory == resolved.RootCauseCategory
                && c.ResolvedAtUtc != null && c.ResolvedAtUtc >= windowStart && c.CaseId != resolved.CaseId)
            .OrderByDescending(c => c.CaseId)
            .Select(c => new { c.CaseId, c.ResolvedAtUtc })
            .ToListAsync(cancellationToken);
        if (!policy.IsRecurring(earlier.Count + 1))
        {
            return;
        }

        pattern = new PatternRecord
        {
            PatternId = Guid.CreateVersion7().ToString("N"),
            JourneyId = resolved.JourneyId,
            JourneyStepId = resolved.JourneyStepId,
            RootCauseCategory = resolved.RootCauseCategory,
            Occurrences = earlier.Count + 1,
            FirstSeenUtc = earlier.Select(c => c.ResolvedAtUtc!.Value).DefaultIfEmpty(now.UtcDateTime).Min(),
            LastSeenUtc = now.UtcDateTime,
            RegisteredAtUtc = now.UtcDateTime,
            CaseIdsJson = StoredJson.Of(earlier.Select(c => c.CaseId).Prepend(resolved.CaseId).Take(MaxCaseIdsKept)),
        };
        db.Patterns.Add(pattern);
        db.Raise(new PatternRegistered
        {
            PatternId = pattern.PatternId,
            JourneyId = pattern.JourneyId,
            JourneyStepId = pattern.JourneyStepId,
            RootCauseCategory = pattern.RootCauseCategory,
            Occurrences = pattern.Occurrences,
            WindowDays = policy.WindowDays,
        }, pattern.PatternId);
        audit.Append("pattern.registered", "pattern", pattern.PatternId, new { pattern.JourneyId, pattern.JourneyStepId, pattern.RootCauseCategory, pattern.Occurrences });
    }

    public async Task<V1.ListPatternsResponse> ListAsync(V1.ListPatternsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var query = db.Patterns.AsQueryable();
        if (request.JourneyId.Length > 0)
        {
            query = query.Where(p => p.JourneyId == request.JourneyId);
        }

        // Most occurrences first; the key keeps that order for paging (ties by id).
        var ordered = (await query.ToListAsync(cancellationToken)).OrderBy(Key, StringComparer.Ordinal);
        var (items, next) = page.Apply(ordered, Key);
        return new V1.ListPatternsResponse { Patterns = { items.Select(ToContract) }, NextPageToken = next };
    }

    public async Task<V1.Pattern> GetAsync(string patternId, CancellationToken cancellationToken) =>
        ToContract(await FindAsync(patternId, cancellationToken));

    public async Task<V1.Pattern> RecordRootCauseAsync(V1.RecordRootCauseRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(request.Description.Trim().Length is > 0 and <= 4000, "description", "Required, at most 4,000 characters.")
            .Require(request.Evidence.Length <= 4000, "evidence", "At most 4,000 characters.")
            .ThrowIfInvalid();
        var pattern = await FindAsync(request.PatternId, cancellationToken);
        var causes = StoredJson.Messages<V1.RootCause>(pattern.RootCausesJson);
        var cause = new V1.RootCause
        {
            RootCauseId = Guid.CreateVersion7().ToString("N"),
            Description = request.Description.Trim(),
            Evidence = request.Evidence,
            RecordedBy = audit.Actor,
            RecordedAt = ContractMapping.ToTimestamp(clock.GetUtcNow()),
        };
        causes.Add(cause);
        pattern.RootCausesJson = StoredJson.Messages(causes);
        audit.Append("pattern.root_cause_recorded", "pattern", pattern.PatternId, new { cause.RootCauseId });
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(pattern);
    }

    public async Task<bool> ExistsAsync(string patternId, CancellationToken cancellationToken) =>
        await db.Patterns.AnyAsync(p => p.PatternId == patternId, cancellationToken);

    private async Task<PatternRecord> FindAsync(string patternId, CancellationToken cancellationToken)
    {
        Validator.RequireId(patternId, "pattern_id");
        return await db.Patterns.FirstOrDefaultAsync(p => p.PatternId == patternId, cancellationToken) ?? throw new NotFoundException("pattern", patternId);
    }

    private static string Key(PatternRecord p) => (long.MaxValue - p.Occurrences).ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + p.PatternId;

    private static V1.Pattern ToContract(PatternRecord p) => new()
    {
        PatternId = p.PatternId,
        JourneyId = p.JourneyId,
        JourneyStepId = p.JourneyStepId,
        RootCauseCategory = p.RootCauseCategory,
        Occurrences = p.Occurrences,
        FirstSeen = ContractMapping.ToTimestamp(p.FirstSeenUtc),
        LastSeen = ContractMapping.ToTimestamp(p.LastSeenUtc),
        RegisteredAt = ContractMapping.ToTimestamp(p.RegisteredAtUtc),
        CaseIds = { StoredJson.Strings(p.CaseIdsJson) },
        RootCauses = { StoredJson.Messages<V1.RootCause>(p.RootCausesJson) },
    };
}
