using Cx.Design.Briefs;
using Cx.Design.Ecosystem;
using Cx.Design.Experiments;
using Cx.Design.Journeys;
using Cx.Design.Opportunities;
using Grpc.Core;
using V1 = Cx.Design.V1;

namespace Cx.Design;

/// <summary>cx.design.v1.DesignService: thin, each call handed to the part that owns it.</summary>
internal sealed class DesignApi(JourneysApi journeys, JourneyScoresApi scores, JourneyInterchange interchange, ExperimentsApi experiments, EcosystemMapsApi ecosystem, EcosystemInterchange ecosystemInterchange, BriefsApi briefs, BriefInterchange briefInterchange, OpportunitiesApi opportunities) : V1.DesignService.DesignServiceBase
{
    public override Task<V1.Journey> CreateJourney(V1.CreateJourneyRequest request, ServerCallContext context) =>
        journeys.CreateAsync(request.Journey, context.CancellationToken);

    public override Task<V1.Journey> GetJourney(V1.GetJourneyRequest request, ServerCallContext context) =>
        journeys.GetAsync(request, context.CancellationToken);

    public override Task<V1.ListJourneysResponse> ListJourneys(V1.ListJourneysRequest request, ServerCallContext context) =>
        journeys.ListAsync(request, context.CancellationToken);

    public override Task<V1.Journey> UpdateJourney(V1.UpdateJourneyRequest request, ServerCallContext context) =>
        journeys.UpdateAsync(request, context.CancellationToken);

    public override Task<V1.Journey> PublishJourney(V1.PublishJourneyRequest request, ServerCallContext context) =>
        journeys.PublishAsync(request, context.CancellationToken);

    public override Task<V1.ListJourneyVersionsResponse> ListJourneyVersions(V1.ListJourneyVersionsRequest request, ServerCallContext context) =>
        journeys.ListVersionsAsync(request, context.CancellationToken);

    public override Task<V1.ResolvedJourneyStep> ResolveJourneyStep(V1.ResolveJourneyStepRequest request, ServerCallContext context) =>
        journeys.ResolveStepAsync(request, context.CancellationToken);

    public override Task<V1.JourneyScores> GetJourneyScores(V1.GetJourneyScoresRequest request, ServerCallContext context) =>
        scores.GetAsync(request, context.CancellationToken);

    public override Task<V1.ExportedJourney> ExportJourney(V1.ExportJourneyRequest request, ServerCallContext context) =>
        interchange.ExportAsync(request, context.CancellationToken);

    public override Task<V1.ImportJourneysResponse> ImportJourneys(V1.ImportJourneysRequest request, ServerCallContext context) =>
        interchange.ImportAsync(request, context.CancellationToken);

    public override Task<V1.Experiment> CreateExperiment(V1.CreateExperimentRequest request, ServerCallContext context) =>
        experiments.CreateAsync(request.Experiment, context.CancellationToken);

    public override Task<V1.Experiment> GetExperiment(V1.GetExperimentRequest request, ServerCallContext context) =>
        experiments.GetAsync(request.ExperimentId, context.CancellationToken);

    public override Task<V1.ListExperimentsResponse> ListExperiments(V1.ListExperimentsRequest request, ServerCallContext context) =>
        experiments.ListAsync(request, context.CancellationToken);

    public override Task<V1.Experiment> ConcludeExperiment(V1.ConcludeExperimentRequest request, ServerCallContext context) =>
        experiments.ConcludeAsync(request.ExperimentId, context.CancellationToken);

    public override Task<V1.EcosystemMap> CreateEcosystemMap(V1.CreateEcosystemMapRequest request, ServerCallContext context) =>
        ecosystem.CreateAsync(request.Map, context.CancellationToken);

    public override Task<V1.EcosystemMap> GetEcosystemMap(V1.GetEcosystemMapRequest request, ServerCallContext context) =>
        ecosystem.GetAsync(request.MapId, context.CancellationToken);

    public override Task<V1.ListEcosystemMapsResponse> ListEcosystemMaps(V1.ListEcosystemMapsRequest request, ServerCallContext context) =>
        ecosystem.ListAsync(request, context.CancellationToken);

    public override Task<V1.EcosystemMap> UpdateEcosystemMap(V1.UpdateEcosystemMapRequest request, ServerCallContext context) =>
        ecosystem.UpdateAsync(request, context.CancellationToken);

    public override Task<V1.EcosystemWeights> GetEcosystemWeights(V1.GetEcosystemWeightsRequest request, ServerCallContext context) =>
        ecosystem.WeighAsync(request, context.CancellationToken);

    public override Task<V1.ExportedEcosystemMap> ExportEcosystemMap(V1.ExportEcosystemMapRequest request, ServerCallContext context) =>
        ecosystemInterchange.ExportAsync(request, context.CancellationToken);

    public override Task<V1.ImportEcosystemMapsResponse> ImportEcosystemMaps(V1.ImportEcosystemMapsRequest request, ServerCallContext context) =>
        ecosystemInterchange.ImportAsync(request, context.CancellationToken);

    public override Task<V1.DesignBrief> CreateBrief(V1.CreateBriefRequest request, ServerCallContext context) =>
        briefs.CreateAsync(request.Brief, context.CancellationToken);

    public override Task<V1.DesignBrief> GetBrief(V1.GetBriefRequest request, ServerCallContext context) =>
        briefs.GetAsync(request.BriefId, context.CancellationToken);

    public override Task<V1.ListBriefsResponse> ListBriefs(V1.ListBriefsRequest request, ServerCallContext context) =>
        briefs.ListAsync(request, context.CancellationToken);

    public override Task<V1.DesignBrief> UpdateBrief(V1.UpdateBriefRequest request, ServerCallContext context) =>
        briefs.UpdateAsync(request, context.CancellationToken);

    public override Task<V1.ListOpportunitiesResponse> ListOpportunities(V1.ListOpportunitiesRequest request, ServerCallContext context) =>
        opportunities.ListAsync(request, context.CancellationToken);

    public override Task<V1.ExportedBrief> ExportBrief(V1.ExportBriefRequest request, ServerCallContext context) =>
        briefInterchange.ExportAsync(request, context.CancellationToken);

    public override Task<V1.ImportBriefsResponse> ImportBriefs(V1.ImportBriefsRequest request, ServerCallContext context) =>
        briefInterchange.ImportAsync(request, context.CancellationToken);
}
