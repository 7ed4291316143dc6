using Cx.Understanding.Feedback;
using Cx.Understanding.Insights;
using Cx.Understanding.Merges;
using Cx.Understanding.Names;
using Cx.Understanding.PainPoints;
using Cx.Understanding.Personas;
using Cx.Understanding.Profiles;
using Cx.Understanding.Segments;
using Cx.Understanding.Timeline;
using Cx.Understanding.Topics;
using Grpc.Core;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding;

/// <summary>cx.understanding.v1.UnderstandingService: thin, each call handed to the part that owns it.</summary>
internal sealed class UnderstandingApi(ProfilesApi profiles, MergesApi merges, TimelineApi timeline, ErasureApi erasure, FeedbackApi feedback, TaxonomyApi taxonomy, NamesApi names, ProfileStreamImport streamImport, SegmentsApi segments, PersonasApi personas, PainPointsApi painPoints, InsightsApi insights)
    : V1.UnderstandingService.UnderstandingServiceBase
{
    public override Task<V1.Profile> CreateProfile(V1.CreateProfileRequest request, ServerCallContext context) =>
        profiles.CreateAsync(request.Profile, context.CancellationToken);

    public override Task<V1.Profile> GetProfile(V1.GetProfileRequest request, ServerCallContext context) =>
        profiles.GetAsync(request.CustomerId, context.CancellationToken);

    public override Task<V1.ListProfilesResponse> ListProfiles(V1.ListProfilesRequest request, ServerCallContext context) =>
        profiles.ListAsync(request, context.CancellationToken);

    public override Task<V1.Profile> UpdateAttributes(V1.UpdateAttributesRequest request, ServerCallContext context) =>
        profiles.UpdateAttributesAsync(request, context.CancellationToken);

    public override Task<V1.Profile> UpdateIdentities(V1.UpdateIdentitiesRequest request, ServerCallContext context) =>
        profiles.UpdateIdentitiesAsync(request, context.CancellationToken);

    public override Task<V1.Profile> SetConsent(V1.SetConsentRequest request, ServerCallContext context) =>
        profiles.SetConsentAsync(request, context.CancellationToken);

    public override Task<V1.ImportProfilesResponse> ImportProfiles(V1.ImportProfilesRequest request, ServerCallContext context) =>
        profiles.ImportAsync(request, context.CancellationToken);

    public override Task<V1.ImportProfilesResponse> StreamImportProfiles(IAsyncStreamReader<V1.Profile> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        return streamImport.ImportAsync(requestStream.ReadAllAsync(context.CancellationToken), context.CancellationToken);
    }

    public override Task<V1.Merge> MergeProfiles(V1.MergeProfilesRequest request, ServerCallContext context) =>
        merges.MergeAsync(request, context.CancellationToken);

    public override Task<V1.Merge> UnmergeProfiles(V1.UnmergeProfilesRequest request, ServerCallContext context) =>
        merges.UnmergeAsync(request, context.CancellationToken);

    public override Task<V1.ListMergesResponse> ListMerges(V1.ListMergesRequest request, ServerCallContext context) =>
        merges.ListAsync(request, context.CancellationToken);

    public override Task<V1.TimelineEntry> RecordInteraction(V1.RecordInteractionRequest request, ServerCallContext context) =>
        timeline.RecordAsync(request.Interaction, context.CancellationToken);

    public override Task<V1.ListTimelineResponse> ListTimeline(V1.ListTimelineRequest request, ServerCallContext context) =>
        timeline.ListAsync(request, context.CancellationToken);

    public override Task<V1.ListFeedbackResponse> ListFeedback(V1.ListFeedbackRequest request, ServerCallContext context) =>
        feedback.ListAsync(request, context.CancellationToken);

    public override Task<V1.Taxonomy> SetTaxonomy(V1.SetTaxonomyRequest request, ServerCallContext context) =>
        taxonomy.SetAsync(request, context.CancellationToken);

    public override Task<V1.Taxonomy> GetTaxonomy(V1.GetTaxonomyRequest request, ServerCallContext context) =>
        taxonomy.GetAsync(request, context.CancellationToken);

    public override Task<V1.ListTaxonomyVersionsResponse> ListTaxonomyVersions(V1.ListTaxonomyVersionsRequest request, ServerCallContext context) =>
        taxonomy.ListVersionsAsync(request, context.CancellationToken);

    public override Task<V1.TestTaxonomyResponse> TestTaxonomy(V1.TestTaxonomyRequest request, ServerCallContext context) =>
        Task.FromResult(taxonomy.Test(request));

    public override Task<V1.NameList> SetNames(V1.SetNamesRequest request, ServerCallContext context) =>
        names.SetAsync(request, context.CancellationToken);

    public override Task<V1.NameList> ListNames(V1.ListNamesRequest request, ServerCallContext context) =>
        names.ListAsync(context.CancellationToken);

    public override Task<V1.Segment> CreateSegment(V1.CreateSegmentRequest request, ServerCallContext context) =>
        segments.CreateAsync(request.Segment, context.CancellationToken);

    public override Task<V1.Segment> GetSegment(V1.GetSegmentRequest request, ServerCallContext context) =>
        segments.GetAsync(request.SegmentId, context.CancellationToken);

    public override Task<V1.ListSegmentsResponse> ListSegments(V1.ListSegmentsRequest request, ServerCallContext context) =>
        segments.ListAsync(request, context.CancellationToken);

    public override Task<V1.Segment> UpdateSegment(V1.UpdateSegmentRequest request, ServerCallContext context) =>
        segments.UpdateAsync(request, context.CancellationToken);

    public override Task<V1.DeleteSegmentResponse> DeleteSegment(V1.DeleteSegmentRequest request, ServerCallContext context) =>
        segments.DeleteAsync(request, context.CancellationToken);

    public override Task<V1.ListSegmentMembersResponse> ListSegmentMembers(V1.ListSegmentMembersRequest request, ServerCallContext context) =>
        segments.ListMembersAsync(request, context.CancellationToken);

    public override Task<V1.ListMembershipHistoryResponse> ListMembershipHistory(V1.ListMembershipHistoryRequest request, ServerCallContext context) =>
        segments.ListHistoryAsync(request, context.CancellationToken);

    public override Task<V1.Persona> CreatePersona(V1.CreatePersonaRequest request, ServerCallContext context) =>
        personas.CreateAsync(request.Persona, context.CancellationToken);

    public override Task<V1.Persona> GetPersona(V1.GetPersonaRequest request, ServerCallContext context) =>
        personas.GetAsync(request, context.CancellationToken);

    public override Task<V1.ListPersonasResponse> ListPersonas(V1.ListPersonasRequest request, ServerCallContext context) =>
        personas.ListAsync(request, context.CancellationToken);

    public override Task<V1.Persona> UpdatePersona(V1.UpdatePersonaRequest request, ServerCallContext context) =>
        personas.UpdateAsync(request, context.CancellationToken);

    public override Task<V1.DeletePersonaResponse> DeletePersona(V1.DeletePersonaRequest request, ServerCallContext context) =>
        personas.DeleteAsync(request, context.CancellationToken);

    public override Task<V1.EraseCustomerResponse> EraseCustomer(V1.EraseCustomerRequest request, ServerCallContext context) =>
        erasure.EraseAsync(request.CustomerId, context.CancellationToken);

    public override Task<V1.PainPoint> CreatePainPoint(V1.CreatePainPointRequest request, ServerCallContext context) =>
        painPoints.CreateAsync(request.PainPoint, context.CancellationToken);

    public override Task<V1.PainPoint> GetPainPoint(V1.GetPainPointRequest request, ServerCallContext context) =>
        painPoints.GetAsync(request.PainPointId, context.CancellationToken);

    public override Task<V1.ListPainPointsResponse> ListPainPoints(V1.ListPainPointsRequest request, ServerCallContext context) =>
        painPoints.ListAsync(request, context.CancellationToken);

    public override Task<V1.PainPoint> DismissPainPoint(V1.DismissPainPointRequest request, ServerCallContext context) =>
        painPoints.DismissAsync(request, context.CancellationToken);

    public override Task<V1.DetectPainPointsResponse> DetectPainPoints(V1.DetectPainPointsRequest request, ServerCallContext context) =>
        painPoints.DetectAsync(context.CancellationToken);

    public override Task<V1.Insight> RecordInsight(V1.RecordInsightRequest request, ServerCallContext context) =>
        insights.RecordAsync(request.Insight, context.CancellationToken);

    public override Task<V1.Insight> GetInsight(V1.GetInsightRequest request, ServerCallContext context) =>
        insights.GetAsync(request.InsightId, context.CancellationToken);

    public override Task<V1.SearchInsightsResponse> SearchInsights(V1.SearchInsightsRequest request, ServerCallContext context) =>
        insights.SearchAsync(request, context.CancellationToken);

    public override Task<V1.DeleteInsightResponse> DeleteInsight(V1.DeleteInsightRequest request, ServerCallContext context) =>
        insights.DeleteAsync(request, context.CancellationToken);
}
