using Cx.Measurement.V1;
using Grpc.Core;

namespace Cx.Bench.Measurement;

/// <summary>The baseline: the same contract over the same transport, answering after parsing only.</summary>
internal sealed class BareMeasurement : MeasurementService.MeasurementServiceBase
{
    public override Task<RecordResponseResult> RecordResponse(RecordResponseRequest request, ServerCallContext context) =>
        Task.FromResult(new RecordResponseResult { ResponseId = request.Response.SubmissionId });

    public override Task<RecordResponsesResult> RecordResponses(RecordResponsesRequest request, ServerCallContext context) =>
        Task.FromResult(new RecordResponsesResult { Recorded = request.Responses.Count });
}
