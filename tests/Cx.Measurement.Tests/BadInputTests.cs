using System.Net;
using System.Text;
using System.Text.Json;
using Cx.Common.V1;
using Cx.Measurement.V1;
using Cx.Testing.Hosting;
using Google.Protobuf;
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

    /// <summary>Bytes a generated client would never send, as a client could: the caller's mistake, never UNKNOWN.</summary>
    [Fact]
    public async Task UnreadableRequestBytes_AreInvalid_NamingTheFieldWhenTheBytesShowIt_AndNothingIsRecorded()
    {
        var tenant = await TenantAsync();
        var headers = new Dictionary<string, string> { [Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey] = TestIdentity.Token("measurement", tenant) };
        var valid = new RecordResponseRequest { Response = new Response { SubmissionId = "zz", Answers = { new Answer { MetricId = "nps", Score = 9 } } } }.ToByteArray();
        var notUtf8 = valid.ToArray();
        var at = notUtf8.AsSpan().IndexOf("zz"u8);
        (notUtf8[at], notUtf8[at + 1]) = (0xC3, 0x28);

        var bad = await RawGrpc.CallAsync(host.Endpoints.GrpcAddress, "/cx.measurement.v1.MeasurementService/RecordResponse", headers, RawGrpc.Frame(notUtf8));
        var cut = await RawGrpc.CallAsync(host.Endpoints.GrpcAddress, "/cx.measurement.v1.MeasurementService/RecordResponse", headers, RawGrpc.Frame(valid[..^2]));
        var export = await RawGrpc.CallAsync(host.Endpoints.GrpcAddress, "/cx.measurement.v1.MeasurementService/ExportResponses", headers, RawGrpc.Frame(0x0A, 0x09, 0x0A));

        Assert.Equal(3, bad.Status);
        Assert.Equal(["response.submission_id"], Google.Rpc.Status.Parser.ParseFrom(bad.StatusDetails).GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
        Assert.Equal("The request body could not be read as a cx.measurement.v1.RecordResponseRequest message: response.submission_id: Not valid UTF-8 text.", bad.Message);
        Assert.Equal(3, cut.Status);
        Assert.StartsWith("The request body could not be read as a cx.measurement.v1.RecordResponseRequest message: ", cut.Message, StringComparison.Ordinal);
        Assert.Equal((3, 0), (export.Status, export.Messages.Count));
        Assert.Equal(0L, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant))).Results[0].N);
    }

    [Fact]
    public async Task IdsOverTwoHundredCharacters_AreInvalid_BeforeAnyLookup()
    {
        var tenant = await TenantAsync();
        var id = new string('m', 201);

        var results = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = id }, Tenant(tenant)));
        var record = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.RecordResponseAsync(
            new RecordResponseRequest { Response = new Response { SubmissionId = "s-1", Context = new ResponseContext { TeamId = id }, Answers = { new Answer { MetricId = "nps", Score = 9 } } } }, Tenant(tenant)));

        Assert.Equal((StatusCode.InvalidArgument, "metric_id"), (results.StatusCode, Fields(results).Single()));
        Assert.Equal((StatusCode.InvalidArgument, "response.context.team_id"), (record.StatusCode, Fields(record).Single()));
        Assert.Equal("An identifier is at most 200 characters; this one has 201.", results.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations[0].Description);
    }

    [Fact]
    public async Task LanguageKeys_ThatAreNotBcp47Tags_AreInvalid_NamingTheKey()
    {
        var tenant = await TenantAsync();

        var instrument = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.CreateInstrumentAsync(new CreateInstrumentRequest
        {
            Instrument = new Instrument
            {
                InstrumentId = "langs",
                Name = "Languages",
                Questions = { new Question { MetricId = "nps", Text = { ["en"] = "How likely?", ["english"] = "How likely?", ["zh_CN"] = "可能性？", ["sr-Latn-RS"] = "Koliko?" } } },
            },
        }, Tenant(tenant)));
        var invitations = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.SendInvitationsAsync(new SendInvitationsRequest
        {
            InstrumentId = "langs",
            Contacts = { new Contact { ContactId = "c-1", Channel = "email", Language = "de-CH" }, new Contact { ContactId = "c-2", Channel = "email", Language = "en US" } },
        }, Tenant(tenant)));

        Assert.Equal(["instrument.questions[0].text[english]", "instrument.questions[0].text[zh_CN]"], Fields(instrument));
        Assert.Equal(Cx.Domain.Errors.LanguageTag.Rule, instrument.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations[0].Description);
        Assert.Equal(["contacts[1].language"], Fields(invitations));
    }

    /// <summary>A misspelt field was ignored, and the response recorded as happening now.</summary>
    [Fact]
    public async Task Rest_AMisspeltOrMistypedField_Is400NamingIt_AndNothingIsRecorded()
    {
        var tenant = await TenantAsync();
        using var http = new HttpClient { BaseAddress = host.Endpoints.HttpUrl };
        async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/measurement/v1/responses") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add(Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, TestIdentity.Token("measurement", tenant));
            using var response = await http.SendAsync(request);
            return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        var (typo, typoBody) = await PostAsync("{\"response\": {\"submissionId\": \"s-1\", \"context\": {\"occuredAt\": \"2026-11-01T10:00:00Z\"}, \"answers\": [{\"metricId\": \"nps\", \"score\": 9}]}}");
        var (mistyped, mistypedBody) = await PostAsync("{\"response\": {\"submissionId\": \"s-2\", \"answers\": [{\"metricId\": \"nps\", \"score\": \"nine\"}]}}");

        static (string, string) Violation(JsonElement body) =>
            body.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray().Select(v => (v.GetProperty("field").GetString()!, v.GetProperty("description").GetString()!)).Single();
        Assert.Equal((HttpStatusCode.BadRequest, ("response.context.occuredAt", "No such field; did you mean occurredAt?")), (typo, Violation(typoBody)));
        Assert.Equal((HttpStatusCode.BadRequest, ("response.answers[0].score", "Must be a whole number from -2,147,483,648 to 2,147,483,647, not in quotes.")), (mistyped, Violation(mistypedBody)));
        Assert.Equal(0L, (await host.Client.GetResultsAsync(new GetResultsRequest { MetricId = "nps" }, Tenant(tenant))).Results[0].N);
    }
}
