using System.Globalization;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Persistence;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.Segments;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Segments;

/// <summary>
/// Segments: rules over attributes, scores and contacts, their members kept up to date by
/// <see cref="SegmentUpkeep"/>, and the history of who joined and left. A new or changed rule is
/// evaluated for every customer of the tenant a page at a time: the call does the first page, the
/// upkeep job the rest, and the segment says BUILDING until every customer is evaluated.
/// </summary>
internal sealed class SegmentsApi(UnderstandingDb db, SegmentUpkeep upkeep, CompiledSegmentRules rules, TimeProvider clock)
{
    public const string ResourceType = "segment";

    /// <summary>Customers evaluated per page of a build.</summary>
    public const int BuildPage = 500;

    public async Task<V1.Segment> CreateAsync(V1.Segment? segment, CancellationToken cancellationToken)
    {
        var rule = Read(segment, validator: new Validator(), creating: true);
        if (await db.Segments.AnyAsync(s => s.SegmentId == segment!.SegmentId, cancellationToken))
        {
            throw new AlreadyExistsException(ResourceType, segment!.SegmentId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var record = new SegmentRecord
        {
            SegmentId = segment!.SegmentId,
            Name = segment.Name.Trim(),
            Description = segment.Description,
            RuleJson = StoredJson.Message(segment.Rule),
            State = (int)V1.SegmentState.Building,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Segments.Add(record);
        AddDependencies(record.SegmentId, rule);
        await upkeep.InTransactionAsync(async () =>
        {
            await SaveAsync(record.SegmentId, cancellationToken);
            return await BuildPageAsync(record.SegmentId, MembershipReasons.Rule, cancellationToken);
        }, cancellationToken);
        return await GetAsync(record.SegmentId, cancellationToken);
    }

    public async Task<V1.Segment> GetAsync(string segmentId, CancellationToken cancellationToken) =>
        ToContract(await FindAsync(segmentId, tracked: false, cancellationToken));

    public async Task<V1.ListSegmentsResponse> ListAsync(V1.ListSegmentsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var segments = db.Segments.AsNoTracking();
        if (page.AfterKey is { } after)
        {
            segments = segments.Where(s => string.Compare(s.SegmentId, after) > 0);
        }

        var window = await segments.OrderBy(s => s.SegmentId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListSegmentsResponse { Segments = { window.Take(page.Size).Select(ToContract) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].SegmentId);
        }

        return response;
    }

    public async Task<V1.Segment> UpdateAsync(V1.UpdateSegmentRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator().Require(request.ExpectedVersion >= 0, "expected_version", "Zero (any version) or the version read.");
        var rule = Read(request.Segment, validator, creating: false);
        var record = await FindAsync(request.Segment.SegmentId, tracked: true, cancellationToken);
        RequireVersion(record, request.ExpectedVersion);
        (record.Name, record.Description, record.RuleJson) = (request.Segment.Name.Trim(), request.Segment.Description, StoredJson.Message(request.Segment.Rule));
        (record.State, record.BuiltThrough, record.CustomersEvaluated) = ((int)V1.SegmentState.Building, null, 0);
        record.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await upkeep.InTransactionAsync(async () =>
        {
            db.SegmentDependencies.RemoveRange(await db.SegmentDependencies.Where(d => d.SegmentId == record.SegmentId).ToListAsync(cancellationToken));
            await db.SaveChangesAsync(cancellationToken);

            // The new dependencies after the old ones are gone: the two sets may share keys.
            AddDependencies(record.SegmentId, rule);
            await db.SaveChangesAsync(cancellationToken);
            return await BuildPageAsync(record.SegmentId, MembershipReasons.SegmentChanged, cancellationToken);
        }, cancellationToken);
        return await GetAsync(record.SegmentId, cancellationToken);
    }

    public async Task<V1.DeleteSegmentResponse> DeleteAsync(V1.DeleteSegmentRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(request.ExpectedVersion >= 0, "expected_version", "Zero (any version) or the version read.").ThrowIfInvalid();
        var record = await FindAsync(request.SegmentId, tracked: true, cancellationToken);
        RequireVersion(record, request.ExpectedVersion);

        // A persona's size and scores are its segments' customers: dropping one silently would change what the persona means.
        if (await db.PersonaSegments.AsNoTracking().Where(p => p.SegmentId == record.SegmentId).OrderBy(p => p.PersonaId).Select(p => p.PersonaId).FirstOrDefaultAsync(cancellationToken) is { } personaId)
        {
            throw new PreconditionFailedException("SEGMENT_IN_USE", "persona/" + personaId,
                $"Segment {record.SegmentId} is one of persona {personaId}'s segments: change or delete the persona first.");
        }

        var members = await db.SegmentMembers.Where(m => m.SegmentId == record.SegmentId).Select(m => m.CustomerId).ToListAsync(cancellationToken);
        var loaded = new LoadedSegment(record, rules.Get(record));
        await upkeep.InTransactionAsync(async () =>
        {
            foreach (var customerId in members)
            {
                await upkeep.LeaveAsync(loaded, customerId, V1.MembershipReason.SegmentDeleted, cancellationToken);
            }

            db.SegmentDependencies.RemoveRange(await db.SegmentDependencies.Where(d => d.SegmentId == record.SegmentId).ToListAsync(cancellationToken));
            db.Segments.Remove(record);
            await db.SaveChangesAsync(cancellationToken);
            return members.Count;
        }, cancellationToken);
        return new V1.DeleteSegmentResponse { MembersRemoved = members.Count };
    }

    public async Task<V1.ListSegmentMembersResponse> ListMembersAsync(V1.ListSegmentMembersRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var segment = await FindAsync(request.SegmentId, tracked: false, cancellationToken);
        var members = db.SegmentMembers.AsNoTracking().Where(m => m.SegmentId == segment.SegmentId);
        if (page.AfterKey is { } after)
        {
            members = members.Where(m => string.Compare(m.CustomerId, after) > 0);
        }

        var window = await members.OrderBy(m => m.CustomerId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListSegmentMembersResponse { Members = { window.Take(page.Size).Select(SegmentMapping.ToContract) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].CustomerId);
        }

        return response;
    }

    public async Task<V1.ListMembershipHistoryResponse> ListHistoryAsync(V1.ListMembershipHistoryRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.SegmentId.Length > 0 || request.CustomerId.Length > 0, "segment_id", "Required unless customer_id is given.")
            .Require(request.SegmentId.Length == 0 || Identifier.IsValid(request.SegmentId), "segment_id", Identifier.Rule)
            .Require(request.CustomerId.Length == 0 || Identifier.IsReference(request.CustomerId), "customer_id", "At most 100 characters.");
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        long? after = null;
        if (page.AfterKey is { } key)
        {
            after = long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
            validator.Require(after is not null, "page_token", "Not a token this API issued: pass next_page_token from a previous response unchanged.");
        }

        validator.ThrowIfInvalid();
        var changes = db.SegmentHistory.AsNoTracking();
        if (request.SegmentId.Length > 0)
        {
            changes = changes.Where(h => h.SegmentId == request.SegmentId);
        }

        if (request.CustomerId.Length > 0)
        {
            changes = changes.Where(h => h.CustomerId == request.CustomerId);
        }

        if (after is { } afterId)
        {
            changes = changes.Where(h => h.ChangeId < afterId);
        }

        var window = await changes.OrderByDescending(h => h.ChangeId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListMembershipHistoryResponse { Changes = { window.Take(page.Size).Select(SegmentMapping.ToContract) } };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].ChangeId.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    /// <summary>
    /// Evaluates the next page of customers (by id) against a building segment and records how far
    /// it came; the segment is READY after the last. Saves.
    /// </summary>
    public async Task<int> BuildPageAsync(string segmentId, MembershipReasons reasons, CancellationToken cancellationToken)
    {
        var segment = (await upkeep.LoadAsync([segmentId], cancellationToken)).SingleOrDefault();
        if (segment is not { Record.State: (int)V1.SegmentState.Building })
        {
            return 0;
        }

        var through = segment.Record.BuiltThrough;
        var customers = db.Profiles.AsNoTracking().Select(p => p.CustomerId);
        if (through is not null)
        {
            customers = customers.Where(c => string.Compare(c, through) > 0);
        }

        var page = await customers.OrderBy(c => c).Take(BuildPage).ToListAsync(cancellationToken);
        var changes = await upkeep.EvaluateAsync(page, [segment], reasons, cancellationToken);

        var done = page.Count < BuildPage;
        var last = page.Count > 0 ? page[^1] : through;
        var version = segment.Record.Version;
        var recorded = await db.Segments.Where(s => s.SegmentId == segmentId && s.Version == version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, done ? (int)V1.SegmentState.Ready : (int)V1.SegmentState.Building)
                .SetProperty(x => x.BuiltThrough, done ? null : last)
                .SetProperty(x => x.CustomersEvaluated, x => x.CustomersEvaluated + page.Count), cancellationToken);
        if (recorded == 0)
        {
            // Changed or deleted meanwhile: this page was for a version that is gone; undo it all.
            throw new ConcurrencyConflictException(ResourceType, segmentId, null);
        }

        return changes + page.Count;
    }

    private static void RequireVersion(SegmentRecord record, long expected)
    {
        ReadBeforeWrite.RequireVersion(expected, record.Version, "Segment " + record.SegmentId, "segment/" + record.SegmentId);
    }

    private async Task<SegmentRecord> FindAsync(string segmentId, bool tracked, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(segmentId), "segment_id", Identifier.Rule).ThrowIfInvalid();
        var segments = tracked ? db.Segments : db.Segments.AsNoTracking();
        return await segments.FirstOrDefaultAsync(s => s.SegmentId == segmentId, cancellationToken) ?? throw new NotFoundException(ResourceType, segmentId);
    }

    /// <summary>The segment's rule in the domain's terms, every problem of the request reported at once.</summary>
    private static SegmentRule Read(V1.Segment? segment, Validator validator, bool creating)
    {
        if (segment is null)
        {
            validator.Add("segment", "Required.").ThrowIfInvalid();
        }

        var rule = SegmentMapping.ToDomain(segment!.Rule);
        validator
            .Require(Identifier.IsValid(segment.SegmentId), "segment.segment_id", Identifier.Rule)
            .Require(segment.Name.Trim().Length is > 0 and <= SegmentLimits.MaxName, "segment.name", $"Required, at most {SegmentLimits.MaxName} characters.")
            .Require(segment.Description.Length <= SegmentLimits.MaxDescription, "segment.description", $"At most {SegmentLimits.MaxDescription:N0} characters.")
            .Require(!creating || segment.Version == 0, "segment.version", "Set by the service: leave it unset.");
        SegmentLimits.Check(rule, "segment.rule.", validator);
        validator.ThrowIfInvalid();
        return rule;
    }

    private void AddDependencies(string segmentId, SegmentRule rule) =>
        db.SegmentDependencies.AddRange(SegmentDependencies.Of(rule).Select(d => new SegmentDependencyRecord { Dependency = d, SegmentId = segmentId }));

    private async Task SaveAsync(string segmentId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Cx.Persistence.DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(ResourceType, segmentId);
        }
    }

    private static V1.Segment ToContract(SegmentRecord record) => new()
    {
        SegmentId = record.SegmentId,
        Name = record.Name,
        Description = record.Description,
        Rule = StoredJson.Message<V1.SegmentRule>(record.RuleJson),
        Version = record.Version,
        State = (V1.SegmentState)record.State,
        CustomersEvaluated = record.CustomersEvaluated,
        MemberCount = record.MemberCount,
        CreatedAt = ContractMapping.ToTimestamp(record.CreatedAtUtc),
        UpdatedAt = ContractMapping.ToTimestamp(record.UpdatedAtUtc),
    };
}
