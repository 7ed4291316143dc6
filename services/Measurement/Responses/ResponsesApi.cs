using System.Diagnostics;
using Cx.Domain.Errors;
using Cx.Measurement.Data;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Responses;

/// <summary>
/// Records responses: single, batched or streamed. Each call is one submission, validated whole
/// (every wrong field named) and idempotent by submission id. Calls are committed in groups
/// (<see cref="ResponseGroupCommit"/>), which validates and writes them. The call itself leaves the
/// database alone (it only reads it to find the response a duplicate submission id names), so no
/// call sets up a database context it has no use for.
/// </summary>
internal sealed class ResponsesApi(MeasurementDb db, ResponseGroupCommit commits)
{
    public const int MaxBatch = 10_000;

    public async Task<V1.RecordResponseResult> RecordOneAsync(V1.Response? response, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        validator.Require(response is not null, "response", "Required.");
        validator.ThrowIfInvalid();
        var outcome = await RecordAsync([response!], ["response"], cancellationToken);
        var id = outcome.Recorded.Count == 1
            ? outcome.Recorded[0]
            : await db.Responses.Where(r => r.SubmissionId == response!.SubmissionId).Select(r => r.Id).SingleAsync(cancellationToken);
        return new V1.RecordResponseResult { ResponseId = id.ToString(), Duplicate = outcome.Recorded.Count == 0 };
    }

    /// <param name="firstIndex">The position of the first response in the caller's whole stream, so errors name it.</param>
    public async Task<V1.RecordResponsesResult> RecordManyAsync(IReadOnlyList<V1.Response> responses, CancellationToken cancellationToken, int firstIndex = 0)
    {
        new Validator()
            .Require(responses.Count > 0, "responses", "At least one response is needed.")
            .Require(responses.Count <= MaxBatch, "responses", $"At most {MaxBatch:N0} responses per call (got {responses.Count:N0}); split the batch.")
            .ThrowIfInvalid();
        var outcome = await RecordAsync(responses, responses.Select((_, i) => $"responses[{firstIndex + i}]").ToArray(), cancellationToken);
        return new V1.RecordResponsesResult { Recorded = outcome.Recorded.Count, Duplicates = outcome.Duplicates };
    }

    private Task<SubmissionOutcome> RecordAsync(IReadOnlyList<V1.Response> responses, string[] paths, CancellationToken cancellationToken) =>
        commits.SubmitAsync(db.CurrentTenantId, new Submission(responses, paths, Activity.Current), cancellationToken);
}
