using Grpc.Core;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Api;

/// <summary>cx.measurement.v1.MeasurementService: thin, each call handed to the part that owns it.</summary>
internal sealed class MeasurementApi(MetricDefinitionsApi metrics, ResponsesApi responses, ResultsApi results) : V1.MeasurementService.MeasurementServiceBase
{
    public override Task<V1.MetricDefinition> CreateMetricDefinition(V1.CreateMetricDefinitionRequest request, ServerCallContext context) =>
        metrics.CreateAsync(request.Metric, context.CancellationToken);

    public override Task<V1.MetricDefinition> GetMetricDefinition(V1.GetMetricDefinitionRequest request, ServerCallContext context) =>
        metrics.GetAsync(request.MetricId, context.CancellationToken);

    public override Task<V1.ListMetricDefinitionsResponse> ListMetricDefinitions(V1.ListMetricDefinitionsRequest request, ServerCallContext context) =>
        metrics.ListAsync(request, context.CancellationToken);

    public override Task<V1.MetricDefinition> UpdateMetricDefinition(V1.UpdateMetricDefinitionRequest request, ServerCallContext context) =>
        metrics.UpdateAsync(request.Metric, context.CancellationToken);

    public override Task<V1.RecordResponseResult> RecordResponse(V1.RecordResponseRequest request, ServerCallContext context) =>
        responses.RecordOneAsync(request.Response, context.CancellationToken);

    public override Task<V1.RecordResponsesResult> RecordResponses(V1.RecordResponsesRequest request, ServerCallContext context) =>
        responses.RecordManyAsync(request.Responses, context.CancellationToken);

    public override Task<V1.GetResultsResponse> GetResults(V1.GetResultsRequest request, ServerCallContext context) =>
        results.GetAsync(request, context.CancellationToken);
}
