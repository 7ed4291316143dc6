using Cx.Common.V1;
using Cx.Measurement.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Cx.Measurement.Tests;

/// <summary>Every entry point answers a caller's mistake with its status and the field at fault, and records nothing.</summary>
public sealed class BadInputTests(MeasurementHost host) : IClassFixture<MeasurementHost>
{
    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

    private async Task<string> TenantAsync()
    {
        var tenant = "b" + Guid.NewGuid().ToString("N")[..12];
        await host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        return tenant;
    }

    private static string[] Fields(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToArray();

    [Fact]
    public async Task CompareResults_WithoutPeriods_OrWithATimeRangeInTheFilter_NamesEachField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.CompareResultsAsync(new CompareResultsRequest
        {
            MetricId = "nps",
            Filter = new ResultFilter { From = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) },
            After = new Period { From = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddDays(2)), To = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddDays(1)) },
        }, Tenant(await TenantAsync())));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["filter.from", "before", "after.to"], Fields(error));
    }

    /// <summary>The binary encoding carries any seconds and nanos; outside the protobuf range they are the caller's mistake, not INTERNAL.</summary>
    [Fact]
    public async Task OutOfRangeTimestamps_AreInvalid_InEveryKindOfCall_AndNothingIsRecorded()
    {
        var tenant = await TenantAsync();
        var beyond = new Timestamp { Seconds = long.MaxValue / 2 };
        var negativeNanos = new Timestamp { Seconds = 1_700_000_000, Nanos = -1 };
        Response Bad(string id, Timestamp at) => new() { SubmissionId = id, Context = new ResponseContext { OccurredAt = at }, Answers = { new Answer { MetricId = "nps", Score = 9 } } };

        var single = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Bad("far", beyond) }, Tenant(tenant)));
        var batch = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponsesAsync(
            new RecordResponsesRequest { Responses = { Bad("ok", Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow())), Bad("nanos", negativeNanos), Bad("far-2", beyond) } }, Tenant(tenant)));
        var yearOne = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponseAsync(
            new RecordResponseRequest { Response = Bad("year-one", new Timestamp { Seconds = -62_135_596_800 }) }, Tenant(tenant)));
        var results = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetResultsAsync(
            new GetResultsRequest { MetricId = "nps", Filter = new ResultFilter { From = negativeNanos, To = beyond } }, Tenant(tenant)));
        var export = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = host.Client.ExportResponses(new ExportResponsesRequest { Filter = new ResultFilter { To = beyond } }, Tenant(tenant));
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
        using var stream = host.Client.StreamResponses(Tenant(tenant));
        await stream.RequestStream.WriteAsync(Bad("stream-ok", Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow())));
        await stream.RequestStream.WriteAsync(Bad("stream-far", beyond));
        await stream.RequestStream.CompleteAsync();
        var streamed = await Assert.ThrowsAsync<RpcException>(async () => await stream);

        Assert.All([single, batch, results, export, streamed, yearOne], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Equal(["response.context.occurred_at"], Fields(single));
        Assert.Equal(["responses[1].context.occurred_at", "responses[2].context.occurred_at"], Fields(batch));

        // In range for protobuf, but no experience surveyed happened in year one.
        Assert.Equal(["response.context.occurred_at"], Fields(yearOne));
        Assert.Equal("Must be in 1900 or later.", yearOne.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations[0].Description);
        Assert.Equal(["filter.from", "filter.to"], Fields(results));
        Assert.Equal(["filter.to"], Fields(export));
        Assert.Equal(["responses[1].context.occurred_at"], Fields(streamed));
        Assert.Equal(0L, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant))).Results[0].N);
    }

    /// <summary>
    /// A NUL character is refused wherever a string goes, naming the field: PostgreSQL refuses it
    /// mid-statement (a whole batch failed with INTERNAL), SQLite would store it.
    /// </summary>
    [Fact]
    public async Task NulCharacter_InAnyString_IsInvalidNamingTheField_InEveryKindOfCall_AndNothingIsRecorded()
    {
        var tenant = await TenantAsync();
        Response Answer(string id, string channel = "web") => new() { SubmissionId = id, Context = new ResponseContext { Channel = channel, CustomerId = "c-" + id }, Answers = { new Answer { MetricId = "nps", Score = 9 } } };

        var single = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponseAsync(
            new RecordResponseRequest { Response = Answer("nul-1", "we\0b") }, Tenant(tenant)));
        var batch = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponsesAsync(
            new RecordResponsesRequest { Responses = { Answer("ok-1"), Answer("nul\0-2"), Answer("ok-3") } }, Tenant(tenant)));
        var metric = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.CreateMetricDefinitionAsync(
            new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "csat", Kind = MetricKind.Csat, Name = "CSAT\0" } }, Tenant(tenant)));
        using var stream = host.Client.StreamResponses(Tenant(tenant));
        await stream.RequestStream.WriteAsync(Answer("stream-ok"));
        await stream.RequestStream.WriteAsync(Answer("stream-nul", "\0"));
        await stream.RequestStream.CompleteAsync();
        var streamed = await Assert.ThrowsAsync<RpcException>(async () => await stream);

        Assert.All([single, batch, metric, streamed], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Equal(["response.context.channel"], Fields(single));
        Assert.Equal(["responses[1].submission_id", "responses[1].context.customer_id"], Fields(batch));
        Assert.Equal(["metric.name"], Fields(metric));
        Assert.Equal(["responses[1].context.channel"], Fields(streamed));
        Assert.Equal("Must not contain the NUL character (U+0000).", single.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations[0].Description);
        Assert.Equal(0L, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant))).Results[0].N);
        Assert.Single((await host.Client.ListMetricDefinitionsAsync(new ListMetricDefinitionsRequest(), Tenant(tenant))).Metrics);
    }

    /// <summary>The same filter means the same in every query: a range that ends before it starts is refused by each.</summary>
    [Fact]
    public async Task ReversedRange_IsInvalidInEveryQueryThatTakesAFilter()
    {
        var tenant = await TenantAsync();
        var filter = new ResultFilter { From = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow()), To = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddDays(-1)) };

        var errors = new[]
        {
            await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps", Filter = filter }, Tenant(tenant))),
            await Assert.ThrowsAsync<RpcException>(async () => await host.Client.ListResponsesAsync(new ListResponsesRequest { Filter = filter }, Tenant(tenant))),
            await Assert.ThrowsAsync<RpcException>(async () =>
            {
                using var call = host.Client.ExportResponses(new ExportResponsesRequest { Filter = filter }, Tenant(tenant));
                await call.ResponseStream.MoveNext(CancellationToken.None);
            }),
            await Assert.ThrowsAsync<RpcException>(async () => await host.Client.AnalyseDriversAsync(new AnalyseDriversRequest { OutcomeMetricId = "nps", DriverMetricIds = { "ease" }, Filter = filter }, Tenant(tenant))),
            await Assert.ThrowsAsync<RpcException>(async () => await host.Client.AnalyseFrameworkAsync(
                new AnalyseFrameworkRequest { CauseMetricId = "ces", PerceptionMetricId = "nps", Outcome = "retained", Filter = filter }, Tenant(tenant))),
        };

        Assert.All(errors, e => Assert.Equal((StatusCode.InvalidArgument, "filter.to", "Must be after filter.from."),
            (e.StatusCode, Fields(e).Single(), e.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations[0].Description)));
    }

    [Fact]
    public async Task RecordResponses_EmptyBatch_IsInvalid()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponsesAsync(new RecordResponsesRequest(), Tenant(await TenantAsync())));

        Assert.Equal((StatusCode.InvalidArgument, "responses"), (error.StatusCode, Fields(error).Single()));
    }

    [Fact]
    public async Task RecordResponse_OccurredFarInTheFuture_IsInvalidAndNotRecorded()
    {
        var tenant = await TenantAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponseAsync(new RecordResponseRequest
        {
            Response = new Response
            {
                SubmissionId = "future",
                Context = new ResponseContext { OccurredAt = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddDays(2)) },
                Answers = { new Answer { MetricId = "nps", Score = 9 } },
            },
        }, Tenant(tenant)));

        Assert.Equal(["response.context.occurred_at"], Fields(error));
        Assert.Equal(0L, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant))).Results[0].N);
    }

    [Fact]
    public async Task RecordResponse_NoAnswersAndATagTooLong_NamesBoth()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponseAsync(new RecordResponseRequest
        {
            Response = new Response { SubmissionId = "x", Context = new ResponseContext { Channel = new string('c', 101) } },
        }, Tenant(await TenantAsync())));

        Assert.Equal(["response.answers", "response.context.channel"], Fields(error));
    }

    [Fact]
    public async Task GetResults_BadConfidenceAndReversedRange_NamesBoth_UnknownMetricIsNotFound()
    {
        var tenant = await TenantAsync();
        var now = host.Clock.GetUtcNow();

        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetResultsAsync(new GetResultsRequest
        {
            MetricId = "nps",
            Confidence = 1.5,
            Filter = new ResultFilter { From = Timestamp.FromDateTimeOffset(now), To = Timestamp.FromDateTimeOffset(now.AddDays(-1)) },
        }, Tenant(tenant)));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "loyalty" }, Tenant(tenant)));

        Assert.Equal(["confidence", "filter.to"], Fields(invalid));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("no-such-instrument")]
    [InlineData("Not An Id")]
    public async Task GetInstrument_UnknownOrMalformed_IsNotFoundOrInvalid(string instrumentId)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetInstrumentAsync(new GetInstrumentRequest { InstrumentId = instrumentId }, Tenant(await TenantAsync())));

        Assert.Equal(instrumentId.Contains(' ', StringComparison.Ordinal) ? StatusCode.InvalidArgument : StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task MarkInvitationOpened_NotAnInvitationId_IsInvalid()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.MarkInvitationOpenedAsync(new MarkInvitationOpenedRequest { InvitationId = "nope" }, Tenant(await TenantAsync())));

        Assert.Equal(["invitation_id"], Fields(error));
    }
}
