using Cx.Domain.Errors;
using Cx.Persistence;
using Cx.Strategy.Data;
using Cx.Strategy.Targets;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using MeasurementV1 = Cx.Measurement.V1;
using V1 = Cx.Strategy.V1;

namespace Cx.Strategy.Initiatives;

/// <summary>
/// An initiative's business case, as Measurement's framework finds it over the tenant's customers:
/// from the driver the initiative improves, through the loyalty metric, to a business outcome
/// recorded per customer. The chain holds only when every link's interval excludes zero.
/// </summary>
internal sealed class BusinessCaseApi(StrategyDb db, MeasurementV1.MeasurementService.MeasurementServiceClient measurement)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public async Task<V1.BusinessCase> GetAsync(V1.GetBusinessCaseRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(Identifier.IsValid(request.InitiativeId), "initiative_id", Identifier.Rule)
            .Require(Identifier.IsValid(request.Outcome), "outcome", "The business outcome recorded per customer in Measurement, e.g. \"retained\": " + Identifier.Rule)
            .Require(request.Confidence == 0 || request.Confidence is >= 0.5 and <= 0.999, "confidence", "Between 0.5 and 0.999; 0 means 0.95.")
            .ThrowIfInvalid();
        var json = await db.Initiatives.AsNoTracking().Where(i => i.InitiativeId == request.InitiativeId).Select(i => i.DocumentJson).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(InitiativesApi.ResourceType, request.InitiativeId);
        var initiative = StoredJson.Message<V1.Initiative>(json);
        var driver = initiative.Priority?.Inputs.Where(i => i.DriverMetricId.Length > 0).OrderByDescending(i => i.ExpectedImpact).ThenByDescending(i => i.Importance).FirstOrDefault()
            ?? throw new PreconditionFailedException("NO_DRIVER", "initiative/" + initiative.InitiativeId,
                "None of the initiative's pain points is linked to an outcome by a driver analysis yet: there is no driver to build the case from.");
        var loyalty = initiative.LoyaltyMetricId.Length > 0 ? initiative.LoyaltyMetricId : driver.OutcomeMetricId;
        MeasurementV1.MeasurementFramework framework;
        try
        {
            framework = await measurement.AnalyseFrameworkAsync(new MeasurementV1.AnalyseFrameworkRequest
            {
                CauseMetricId = driver.DriverMetricId,
                PerceptionMetricId = loyalty,
                Outcome = request.Outcome,
                Confidence = request.Confidence,
            }, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw MeasuredScores.Refused(e, "initiative/" + initiative.InitiativeId);
        }

        var links = new[] { Link(framework.CauseToPerception), Link(framework.PerceptionToOutcome), Link(framework.CauseToOutcome) };
        return new V1.BusinessCase
        {
            InitiativeId = initiative.InitiativeId,
            DriverMetricId = driver.DriverMetricId,
            LoyaltyMetricId = loyalty,
            Outcome = request.Outcome,
            DriverToLoyalty = links[0],
            LoyaltyToOutcome = links[1],
            DriverToOutcome = links[2],
            Holds = links.All(l => l.Significant),
            Method = framework.Method,
        };
    }

    private static V1.BusinessCaseLink Link(MeasurementV1.FrameworkLink? link) => link is null
        ? new V1.BusinessCaseLink()
        : new V1.BusinessCaseLink { From = link.From, To = link.To, N = link.N, Correlation = link.Correlation, Interval = link.Interval, Significant = link.Significant };
}
