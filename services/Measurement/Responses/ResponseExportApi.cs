using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Measurement.Data;
using Cx.Measurement.Results;
using Cx.Persistence.Paging;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Responses;

/// <summary>Raw responses stay the caller's: listed a page at a time, or streamed whole, in submission-id order.</summary>
internal sealed class ResponseExportApi(MeasurementDb db)
{
    private const int ExportChunk = 500;

    public async Task<V1.ListResponsesResponse> ListAsync(V1.ListResponsesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        ResultsApi.RequireRange(validator, request.Filter).ThrowIfInvalid();

        // One query per collection (split): a single join would repeat every answer once per comment.
        var (items, next) = await ResultsApi.Filter(db.Responses.AsNoTracking(), request.Filter ?? new CommonV1.ResultFilter(), db.CustomerSegments)
            .Include(r => r.Answers)
            .Include(r => r.Comments)
            .AsSplitQuery()
            .PageAsync(page, r => r.SubmissionId, cancellationToken);
        return new V1.ListResponsesResponse { Responses = { items.Select(ToContract) }, NextPageToken = next };
    }

    public async Task ExportAsync(V1.ExportResponsesRequest request, IServerStreamWriter<V1.RecordedResponse> stream, CancellationToken cancellationToken)
    {
        ResultsApi.RequireRange(new Validator(), request.Filter).ThrowIfInvalid();
        string? after = null;
        while (true)
        {
            // In chunks, each its own short query: the export never holds a long transaction or the whole set in memory.
            var chunk = await ReadAsync(request.Filter, after, ExportChunk, cancellationToken);
            foreach (var response in chunk)
            {
                await stream.WriteAsync(ToContract(response), cancellationToken);
            }

            if (chunk.Count < ExportChunk)
            {
                return;
            }

            after = chunk[^1].SubmissionId;
        }
    }

    private async Task<List<ResponseRecord>> ReadAsync(CommonV1.ResultFilter? filter, string? after, int take, CancellationToken cancellationToken)
    {
        var responses = ResultsApi.Filter(db.Responses.AsNoTracking(), filter ?? new CommonV1.ResultFilter(), db.CustomerSegments);
        if (after is not null)
        {
            responses = responses.Where(r => string.Compare(r.SubmissionId, after) > 0);
        }

        return await responses.OrderBy(r => r.SubmissionId).Take(take).Include(r => r.Answers).Include(r => r.Comments).AsSplitQuery().ToListAsync(cancellationToken);
    }

    private static V1.RecordedResponse ToContract(ResponseRecord record)
    {
        var response = new V1.Response { SubmissionId = record.SubmissionId, Context = record.ToContract(), InstrumentId = record.InstrumentId, InvitationId = record.InvitationId };
        foreach (var answer in record.Answers.OrderBy(a => a.Id))
        {
            var contract = new CommonV1.Answer { MetricId = answer.MetricId };
            if (answer.Score is { } score)
            {
                contract.Score = score;
            }

            response.Answers.Add(contract);
        }

        response.Comments.Add(record.Comments.OrderBy(c => c.Ordinal).Select(c => new CommonV1.Comment { MetricId = c.MetricId, Text = c.Text, Language = c.Language }));
        return new V1.RecordedResponse
        {
            ResponseId = record.Id.ToString(),
            Response = response,
            RecordedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(record.RecordedAtUtc, DateTimeKind.Utc)),
        };
    }
}
