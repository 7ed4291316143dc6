using Cx.Strategy.CxIndex;
using Cx.Strategy.Initiatives;
using Cx.Strategy.Maturity;
using Cx.Strategy.Targets;
using Cx.Strategy.Vision;
using Grpc.Core;
using V1 = Cx.Strategy.V1;

namespace Cx.Strategy;

/// <summary>cx.strategy.v1.StrategyService: thin, each call handed to the part that owns it.</summary>
internal sealed class StrategyApi(VisionApi vision, CxIndexApi index, TargetsApi targets, InitiativesApi initiatives, BusinessCaseApi businessCases, MaturityApi maturity) : V1.StrategyService.StrategyServiceBase
{
    public override Task<V1.Vision> PublishVision(V1.PublishVisionRequest request, ServerCallContext context) =>
        vision.PublishAsync(request, context.CancellationToken);

    public override Task<V1.Vision> GetVision(V1.GetVisionRequest request, ServerCallContext context) =>
        vision.GetAsync(request.Version, context.CancellationToken);

    public override Task<V1.ListVisionVersionsResponse> ListVisionVersions(V1.ListVisionVersionsRequest request, ServerCallContext context) =>
        vision.ListAsync(request, context.CancellationToken);

    public override Task<V1.CxIndex> DefineCxIndex(V1.DefineCxIndexRequest request, ServerCallContext context) =>
        index.DefineAsync(request, context.CancellationToken);

    public override Task<V1.CxIndexReading> GetCxIndex(V1.GetCxIndexRequest request, ServerCallContext context) =>
        index.GetAsync(request, context.CancellationToken);

    public override Task<V1.Target> SetTarget(V1.SetTargetRequest request, ServerCallContext context) =>
        targets.SetAsync(request.Target, context.CancellationToken);

    public override Task<V1.Target> GetTarget(V1.GetTargetRequest request, ServerCallContext context) =>
        targets.GetAsync(request.TargetId, context.CancellationToken);

    public override Task<V1.ListTargetsResponse> ListTargets(V1.ListTargetsRequest request, ServerCallContext context) =>
        targets.ListAsync(request, context.CancellationToken);

    public override Task<V1.Target> EvaluateTarget(V1.EvaluateTargetRequest request, ServerCallContext context) =>
        targets.EvaluateAsync(request.TargetId, context.CancellationToken);

    public override Task<V1.Initiative> CreateInitiative(V1.CreateInitiativeRequest request, ServerCallContext context) =>
        initiatives.CreateAsync(request.Initiative, context.CancellationToken);

    public override Task<V1.Initiative> GetInitiative(V1.GetInitiativeRequest request, ServerCallContext context) =>
        initiatives.GetAsync(request.InitiativeId, context.CancellationToken);

    public override Task<V1.ListInitiativesResponse> ListInitiatives(V1.ListInitiativesRequest request, ServerCallContext context) =>
        initiatives.ListAsync(request, context.CancellationToken);

    public override Task<V1.Initiative> UpdateInitiative(V1.UpdateInitiativeRequest request, ServerCallContext context) =>
        initiatives.UpdateAsync(request, context.CancellationToken);

    public override Task<V1.Initiative> MoveInitiative(V1.MoveInitiativeRequest request, ServerCallContext context) =>
        initiatives.MoveAsync(request, context.CancellationToken);

    public override Task<V1.BusinessCase> GetBusinessCase(V1.GetBusinessCaseRequest request, ServerCallContext context) =>
        businessCases.GetAsync(request, context.CancellationToken);

    public override Task<V1.MaturityAssessment> AssessMaturity(V1.AssessMaturityRequest request, ServerCallContext context) =>
        maturity.AssessAsync(context.CancellationToken);

    public override Task<V1.ListMaturityAssessmentsResponse> ListMaturityAssessments(V1.ListMaturityAssessmentsRequest request, ServerCallContext context) =>
        maturity.ListAsync(request, context.CancellationToken);

    public override Task<V1.CapabilitySelfAssessment> SetCapabilitySelfAssessment(V1.SetCapabilitySelfAssessmentRequest request, ServerCallContext context) =>
        maturity.SetSelfAssessmentAsync(request, context.CancellationToken);
}
