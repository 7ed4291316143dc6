using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Governance.Audit;
using Cx.Governance.Data;
using Cx.Governance.Domain.Standards;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Governance.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Governance.Standards;

/// <summary>The library of CX standards (versioned) and the review gate journey changes pass before going live.</summary>
internal sealed class StandardsApi(GovernanceDb db, AuditLog audit, TimeProvider clock)
{
    public const int MaxEvidence = 200;

    public async Task<V1.Standard> PublishAsync(V1.Standard? standard, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (standard is null)
        {
            validator.Add("standard", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(Identifier.IsValid(standard!.StandardId), "standard.standard_id", Identifier.Rule)
            .Require(standard.Title.Trim().Length is > 0 and <= 300, "standard.title", "Required, at most 300 characters.")
            .Require(standard.Description.Length <= 4000, "standard.description", "At most 4,000 characters.")
            .Require(Identifier.IsReference(standard.MetricId, 63), "standard.metric_id", "Required: the metric that checks the standard.")
            .Require(standard.Comparison is CommonV1.Comparison.AtLeast or CommonV1.Comparison.AtMost, "standard.comparison", "Required: AT_LEAST or AT_MOST.")
            .Require(double.IsFinite(standard.Threshold), "standard.threshold", "A finite number.")
            .Require(standard.JourneyIds.Count <= 100 && standard.JourneyIds.All(j => Identifier.IsReference(j)), "standard.journey_ids", "At most 100, each at most 100 characters.")
            .ThrowIfInvalid();
        var latest = await db.Standards.Where(s => s.StandardId == standard.StandardId).MaxAsync(s => (long?)s.Version, cancellationToken) ?? 0;
        var record = new StandardRecord
        {
            StandardId = standard.StandardId,
            Version = latest + 1,
            Title = standard.Title.Trim(),
            Description = standard.Description,
            MetricId = standard.MetricId,
            Comparison = (int)standard.Comparison,
            Threshold = standard.Threshold,
            JourneyIdsJson = StoredJson.Of(standard.JourneyIds),
            PublishedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Standards.Add(record);
        var published = ToContract(record);
        db.Raise(new StandardPublished
        {
            StandardId = published.StandardId,
            Title = published.Title,
            Description = published.Description,
            MetricId = published.MetricId,
            Comparison = published.Comparison,
            Threshold = published.Threshold,
            JourneyIds = { published.JourneyIds },
            Version = published.Version,
            PublishedAt = published.PublishedAt,
        }, record.StandardId);
        audit.Append("standard.published", "standard", record.StandardId, new { record.Version, record.MetricId, comparison = standard.Comparison.ToString(), record.Threshold });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Cx.Persistence.DatabaseErrors.IsUniqueViolation(e))
        {
            throw new ConcurrencyConflictException("standard", record.StandardId, latest + 1);
        }

        return published;
    }

    public async Task<V1.ListStandardsResponse> ListAsync(V1.ListStandardsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var (items, next) = page.Apply((await CurrentAsync(cancellationToken)).OrderBy(s => s.StandardId, StringComparer.Ordinal), s => s.StandardId);
        return new V1.ListStandardsResponse { Standards = { items.Select(ToContract) }, NextPageToken = next };
    }

    public async Task<V1.Review> ReviewAsync(V1.ReviewJourneyChangeRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(Identifier.IsReference(request.JourneyId), "journey_id", "Required, at most 100 characters.")
            .Require(Identifier.IsReference(request.ChangeId), "change_id", "Required: the change under review, at most 100 characters.")
            .Require(request.Revision >= 1, "revision", "Required: 1 or more.")
            .Require(request.Evidence.Count <= MaxEvidence, "evidence", $"At most {MaxEvidence}.")
            .Require(request.Evidence.Select(e => e.MetricId).Distinct().Count() == request.Evidence.Count, "evidence", "One value per metric.");
        for (var i = 0; i < Math.Min(request.Evidence.Count, MaxEvidence); i++)
        {
            var evidence = request.Evidence[i];
            validator
                .Require(Identifier.IsReference(evidence.MetricId, 63), $"evidence[{i}].metric_id", "Required.")
                .Require(double.IsFinite(evidence.Value), $"evidence[{i}].value", "A finite number.")
                .Require(evidence.N >= 0, $"evidence[{i}].n", "0 or more.")
                .Require(evidence.Source.Length <= 300, $"evidence[{i}].source", "At most 300 characters.");
        }

        validator.ThrowIfInvalid();
        if (await db.Reviews.FirstOrDefaultAsync(r => r.ChangeId == request.ChangeId && r.Revision == request.Revision, cancellationToken) is { } reviewed)
        {
            return ToContract(reviewed);
        }

        var standards = (await CurrentAsync(cancellationToken)).Select(s => new Standard(s.StandardId, s.Version, s.MetricId, (Comparison)s.Comparison, s.Threshold, StoredJson.Strings(s.JourneyIdsJson)));
        var (passed, checks) = ReviewGate.Review(request.JourneyId, standards, request.Evidence.ToDictionary(e => e.MetricId, e => e.Value));
        var record = new ReviewRecord
        {
            ChangeId = request.ChangeId,
            Revision = request.Revision,
            ReviewId = Guid.CreateVersion7().ToString("N"),
            JourneyId = request.JourneyId,
            Passed = passed,
            ChecksJson = StoredJson.Messages(checks.Select(ToContract)),
            Reviewer = audit.Actor,
            ReviewedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Reviews.Add(record);
        audit.Append("review.completed", "journey_change", request.ChangeId, new { request.Revision, request.JourneyId, passed, checks = checks.Count });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Cx.Persistence.DatabaseErrors.IsUniqueViolation(e))
        {
            // The same revision reviewed at the same moment by another call: answer its review.
            db.ChangeTracker.Clear();
            return ToContract(await db.Reviews.FirstAsync(r => r.ChangeId == request.ChangeId && r.Revision == request.Revision, cancellationToken));
        }

        return ToContract(record);
    }

    public async Task<V1.Review> LatestReviewAsync(string changeId, CancellationToken cancellationToken)
    {
        Validator.RequireId(changeId, "change_id");
        return ToContract(await db.Reviews.Where(r => r.ChangeId == changeId).OrderByDescending(r => r.Revision).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("review of change", changeId));
    }

    /// <summary>The current version of each standard.</summary>
    private async Task<List<StandardRecord>> CurrentAsync(CancellationToken cancellationToken) =>
        (await db.Standards.ToListAsync(cancellationToken)).GroupBy(s => s.StandardId).Select(g => g.MaxBy(s => s.Version)!).ToList();

    private static V1.StandardCheck ToContract(StandardCheck check)
    {
        var contract = new V1.StandardCheck
        {
            StandardId = check.Standard.StandardId,
            StandardVersion = check.Standard.Version,
            MetricId = check.Standard.MetricId,
            Comparison = (CommonV1.Comparison)(int)check.Standard.Comparison,
            Threshold = check.Standard.Threshold,
            Outcome = (V1.CheckOutcome)(int)check.Outcome,
        };
        if (check.Value is { } value)
        {
            contract.Value = value;
        }

        return contract;
    }

    private static V1.Standard ToContract(StandardRecord s) => new()
    {
        StandardId = s.StandardId,
        Title = s.Title,
        Description = s.Description,
        MetricId = s.MetricId,
        Comparison = (CommonV1.Comparison)s.Comparison,
        Threshold = s.Threshold,
        JourneyIds = { StoredJson.Strings(s.JourneyIdsJson) },
        Version = s.Version,
        PublishedAt = ContractMapping.ToTimestamp(s.PublishedAtUtc),
    };

    private static V1.Review ToContract(ReviewRecord r) => new()
    {
        ReviewId = r.ReviewId,
        JourneyId = r.JourneyId,
        ChangeId = r.ChangeId,
        Revision = r.Revision,
        Decision = r.Passed ? V1.ReviewDecision.Passed : V1.ReviewDecision.Failed,
        Checks = { StoredJson.Messages<V1.StandardCheck>(r.ChecksJson) },
        Reviewer = r.Reviewer,
        ReviewedAt = ContractMapping.ToTimestamp(r.ReviewedAtUtc),
    };
}
