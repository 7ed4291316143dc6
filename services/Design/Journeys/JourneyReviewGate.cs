using System.Globalization;
using Cx.Design.Data;
using Cx.Design.Domain.Experiments;
using Cx.Design.Experiments;
using Cx.Domain.Errors;
using Cx.ServiceDefaults.Hosting;
using Grpc.Core;
using GovernanceV1 = Cx.Governance.V1;
using V1 = Cx.Design.V1;

namespace Cx.Design.Journeys;

/// <summary>
/// The review gate a to-be journey passes before it is published: Governance reviews the draft
/// against its standards for the journey it redraws, on the evidence of the draft's concluded
/// experiments. Design keeps no copy of the standards; Governance's answer decides.
/// </summary>
internal sealed class JourneyReviewGate(DesignDb db, ExperimentsApi experiments, GovernanceV1.GovernanceService.GovernanceServiceClient governance)
{
    public const string GovernanceService = "governance";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Governance's review id when the draft passes; otherwise FAILED_PRECONDITION naming each standard not met.</summary>
    public async Task<string> PassAsync(JourneyVersionRecord draft, V1.Journey content, CancellationToken cancellationToken)
    {
        var evidence = GateEvidence.From(await experiments.TreatmentsForAsync(draft.JourneyId, cancellationToken));
        draft.ReviewAttempt++;
        await db.SaveChangesAsync(cancellationToken);

        var request = new GovernanceV1.ReviewJourneyChangeRequest
        {
            JourneyId = content.AsIsJourneyId.Length > 0 ? content.AsIsJourneyId : draft.JourneyId,
            ChangeId = ChangeId(draft.JourneyId, draft.Version),
            Revision = draft.ReviewAttempt,
            Evidence = { evidence.Select(e => new GovernanceV1.Evidence { MetricId = e.MetricId, Value = e.Value, N = e.N, Source = "experiment " + e.ExperimentId }) },
        };
        GovernanceV1.Review review;
        try
        {
            review = await governance.ReviewJourneyChangeAsync(request, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (PeerAnswers.IsUnreachable(e.StatusCode) && !cancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"Governance did not answer ({e.StatusCode}: {e.Status.Detail}); a to-be journey is published only after its review: publish again later."));
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PreconditionFailedException("GOVERNANCE_REFUSED", $"journey/{draft.JourneyId}/{draft.Version}", $"Governance refused to review the journey: {e.StatusCode}: {e.Status.Detail}");
        }

        if (review.Decision == GovernanceV1.ReviewDecision.Passed)
        {
            return review.ReviewId;
        }

        var used = evidence.ToDictionary(e => e.MetricId, StringComparer.Ordinal);
        var failing = review.Checks.Where(c => c.Outcome != GovernanceV1.CheckOutcome.Met).Select(c => Blocker(c, used)).ToList();
        throw new PreconditionFailedException(
            $"Version {draft.Version} of journey {draft.JourneyId} is not published: Governance's review {review.ReviewId} finds {failing.Count} of the {review.Checks.Count} standards for {request.JourneyId} not met.",
            failing);
    }

    public static string ChangeId(string journeyId, int version) => string.Create(CultureInfo.InvariantCulture, $"{journeyId}/v{version}");

    private static Precondition Blocker(GovernanceV1.StandardCheck check, Dictionary<string, MetricEvidence> evidence)
    {
        var rule = string.Create(CultureInfo.InvariantCulture, $"{check.MetricId} must be {(check.Comparison == Cx.Common.V1.Comparison.AtMost ? "at most" : "at least")} {check.Threshold:0.###}");
        return check.Outcome == GovernanceV1.CheckOutcome.NoEvidence
            ? new Precondition("NO_EVIDENCE", "standard/" + check.StandardId, $"Standard {check.StandardId}: {rule}, and no concluded experiment for this journey measured it on {GateEvidence.MinimumN} answers or more.")
            : new Precondition("STANDARD_NOT_MET", "standard/" + check.StandardId, evidence.TryGetValue(check.MetricId, out var e)
                ? string.Create(CultureInfo.InvariantCulture, $"Standard {check.StandardId}: {rule}; experiment {e.ExperimentId} measured {e.Value:0.###} on {e.N} answers.")
                : $"Standard {check.StandardId}: {rule}; the evidence does not meet it.");
    }
}
