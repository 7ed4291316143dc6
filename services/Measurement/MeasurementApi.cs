using Cx.Domain.Errors;
using Cx.Measurement.Drivers;
using Cx.Measurement.Instruments;
using Cx.Measurement.Metrics;
using Cx.Measurement.Responses;
using Cx.Measurement.Results;
using Cx.ServiceDefaults.Errors;
using Grpc.Core;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement;

/// <summary>cx.measurement.v1.MeasurementService: thin, each call handed to the part that owns it.</summary>
internal sealed class MeasurementApi(MetricDefinitionsApi metrics, ResponsesApi responses, ResultsApi results, TopicImpactApi topicImpact, DriverAnalysisApi drivers, InstrumentsApi instruments, ResponseExportApi export, FrameworkApi framework, CompositeIndexApi indexes) : V1.MeasurementService.MeasurementServiceBase
{
    /// <summary>Responses committed together from a stream: large enough to be fast, small enough to hold little in memory.</summary>
    public const int StreamBatchSize = 1_000;

    public override Task<V1.MetricDefinition> CreateMetricDefinition(V1.CreateMetricDefinitionRequest request, ServerCallContext context) =>
        metrics.CreateAsync(request.Metric, context.CancellationToken);

    public override Task<V1.MetricDefinition> GetMetricDefinition(V1.GetMetricDefinitionRequest request, ServerCallContext context) =>
        metrics.GetAsync(request.MetricId, request.Version, context.CancellationToken);

    public override Task<V1.ListMetricDefinitionsResponse> ListMetricDefinitions(V1.ListMetricDefinitionsRequest request, ServerCallContext context) =>
        metrics.ListAsync(request, context.CancellationToken);

    public override Task<V1.MetricDefinition> UpdateMetricDefinition(V1.UpdateMetricDefinitionRequest request, ServerCallContext context) =>
        metrics.UpdateAsync(request.Metric, context.CancellationToken);

    public override Task<V1.RecordResponseResult> RecordResponse(V1.RecordResponseRequest request, ServerCallContext context) =>
        responses.RecordOneAsync(request.Response, context.CancellationToken);

    public override Task<V1.RecordResponsesResult> RecordResponses(V1.RecordResponsesRequest request, ServerCallContext context) =>
        responses.RecordManyAsync(request.Responses, context.CancellationToken);

    public override async Task<V1.RecordResponsesResult> StreamResponses(IAsyncStreamReader<V1.Response> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        var total = new V1.RecordResponsesResult();
        var batch = new List<V1.Response>(StreamBatchSize);
        var received = 0;
        await foreach (var response in requestStream.ReadAllAsync(context.CancellationToken))
        {
            // The request interceptor sees whole requests only: each streamed message is checked here.
            if (RequestValues.Check(response, $"responses[{received}]") is { Count: > 0 } violations)
            {
                throw new ValidationFailedException(violations);
            }

            batch.Add(response);
            received++;
            if (batch.Count == StreamBatchSize)
            {
                Add(total, await responses.RecordManyAsync(batch, context.CancellationToken, received - batch.Count));
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            Add(total, await responses.RecordManyAsync(batch, context.CancellationToken, received - batch.Count));
        }

        return total;
    }

    public override Task<CommonV1.DriverAnalysis> AnalyseDrivers(V1.AnalyseDriversRequest request, ServerCallContext context) =>
        drivers.AnalyseAsync(request, context.CancellationToken);

    public override Task<V1.Instrument> CreateInstrument(V1.CreateInstrumentRequest request, ServerCallContext context) =>
        instruments.CreateAsync(request.Instrument, context.CancellationToken);

    public override Task<V1.Instrument> GetInstrument(V1.GetInstrumentRequest request, ServerCallContext context) =>
        instruments.GetAsync(request.InstrumentId, context.CancellationToken);

    public override Task<V1.ListInstrumentsResponse> ListInstruments(V1.ListInstrumentsRequest request, ServerCallContext context) =>
        instruments.ListAsync(request, context.CancellationToken);

    public override Task<V1.ListContactFrequencyRulesResponse> ListContactFrequencyRules(V1.ListContactFrequencyRulesRequest request, ServerCallContext context) =>
        instruments.ListRulesAsync(request, context.CancellationToken);

    public override async Task<V1.DeleteContactFrequencyRuleResponse> DeleteContactFrequencyRule(V1.DeleteContactFrequencyRuleRequest request, ServerCallContext context)
    {
        await instruments.DeleteRuleAsync(request.RuleId, context.CancellationToken);
        return new V1.DeleteContactFrequencyRuleResponse();
    }

    public override Task<V1.ListInvitationsResponse> ListInvitations(V1.ListInvitationsRequest request, ServerCallContext context) =>
        instruments.ListInvitationsAsync(request, context.CancellationToken);

    public override Task<V1.CompositeIndex> GetCompositeIndex(V1.GetCompositeIndexRequest request, ServerCallContext context) =>
        indexes.GetAsync(request.IndexId, context.CancellationToken);

    public override Task<V1.ListCompositeIndexesResponse> ListCompositeIndexes(V1.ListCompositeIndexesRequest request, ServerCallContext context) =>
        indexes.ListAsync(request, context.CancellationToken);

    public override Task<V1.Instrument> ChangeInstrumentStatus(V1.ChangeInstrumentStatusRequest request, ServerCallContext context) =>
        instruments.ChangeStatusAsync(request, context.CancellationToken);

    public override Task<V1.ContactFrequencyRule> SetContactFrequencyRule(V1.SetContactFrequencyRuleRequest request, ServerCallContext context) =>
        instruments.SetRuleAsync(request.Rule, context.CancellationToken);

    public override Task<V1.SendInvitationsResponse> SendInvitations(V1.SendInvitationsRequest request, ServerCallContext context) =>
        instruments.InviteAsync(request, context.CancellationToken);

    public override Task<V1.SendRemindersResponse> SendReminders(V1.SendRemindersRequest request, ServerCallContext context) =>
        instruments.RemindAsync(request, context.CancellationToken);

    public override Task<V1.Invitation> MarkInvitationOpened(V1.MarkInvitationOpenedRequest request, ServerCallContext context) =>
        instruments.MarkOpenedAsync(request.InvitationId, context.CancellationToken);

    public override Task<V1.InstrumentStats> GetInstrumentStats(V1.GetInstrumentStatsRequest request, ServerCallContext context) =>
        instruments.StatsAsync(request.InstrumentId, context.CancellationToken);

    public override Task<V1.ListResponsesResponse> ListResponses(V1.ListResponsesRequest request, ServerCallContext context) =>
        export.ListAsync(request, context.CancellationToken);

    public override Task ExportResponses(V1.ExportResponsesRequest request, IServerStreamWriter<V1.RecordedResponse> responseStream, ServerCallContext context) =>
        export.ExportAsync(request, responseStream, context.CancellationToken);

    public override Task<V1.RecordOutcomesResult> RecordOutcomes(V1.RecordOutcomesRequest request, ServerCallContext context) =>
        framework.RecordAsync(request, context.CancellationToken);

    public override Task<V1.MeasurementFramework> AnalyseFramework(V1.AnalyseFrameworkRequest request, ServerCallContext context) =>
        framework.AnalyseAsync(request, context.CancellationToken);

    public override Task<V1.CompositeIndex> CreateCompositeIndex(V1.CreateCompositeIndexRequest request, ServerCallContext context) =>
        indexes.CreateAsync(request.Index, context.CancellationToken);

    public override Task<V1.CompositeIndexResults> GetCompositeIndexResults(V1.GetCompositeIndexResultsRequest request, ServerCallContext context) =>
        indexes.GetResultsAsync(request, context.CancellationToken);

    public override Task<V1.GetResultsResponse> GetResults(V1.GetResultsRequest request, ServerCallContext context) =>
        results.GetAsync(request, context.CancellationToken);

    public override Task<V1.GetTopicImpactResponse> GetTopicImpact(V1.GetTopicImpactRequest request, ServerCallContext context) =>
        topicImpact.GetAsync(request, context.CancellationToken);

    public override Task<V1.CompareResultsResponse> CompareResults(V1.CompareResultsRequest request, ServerCallContext context) =>
        results.CompareAsync(request, context.CancellationToken);

    private static void Add(V1.RecordResponsesResult total, V1.RecordResponsesResult batch)
    {
        total.Recorded += batch.Recorded;
        total.Duplicates += batch.Duplicates;
    }
}
