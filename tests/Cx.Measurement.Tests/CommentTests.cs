using System.Net;
using System.Text;
using System.Text.Json;
using Cx.Common.V1;
using Cx.Events.V1;
using Cx.Measurement.V1;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Cx.Measurement.Tests;

/// <summary>
/// A response's comments, the customer's own words: kept exactly as written (any script), read
/// back and exported in order, carried on response_recorded, and refused field by field.
/// </summary>
public abstract class CommentBehaviour
{
    protected abstract MeasurementHost Host { get; }

    private static Metadata Tenant(string tenant) => TestIdentity.For("measurement", tenant);

    private static readonly Comment LateParcel = new() { MetricId = "delivery", Text = "The parcel came three days late and nobody told me why.", Language = "en" };

    private static readonly Comment PatientAgent = new() { Text = "客服小王很耐心，帮我查到了包裹。谢谢！", Language = "zh-CN" };

    private static readonly Comment Helped = new() { MetricId = "nps", Text = "Li Wei was very patient — and quick. 👍", Language = "en-GB" };

    private async Task<string> TenantAsync()
    {
        var tenant = "k" + Guid.NewGuid().ToString("N")[..12];
        await Host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest { Metric = new MetricDefinition { MetricId = "nps", Kind = MetricKind.Nps, Name = "NPS" } }, Tenant(tenant));
        await Host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest
        {
            Metric = new MetricDefinition { MetricId = "delivery", Kind = MetricKind.Rating, Name = "Delivery", ScaleMin = 1, ScaleMax = 5, HigherIsBetter = true },
        }, Tenant(tenant));
        await Host.Client.CreateMetricDefinitionAsync(new CreateMetricDefinitionRequest
        {
            Metric = new MetricDefinition { MetricId = "wait", Kind = MetricKind.Rating, Name = "Wait", ScaleMin = 1, ScaleMax = 5, HigherIsBetter = false },
        }, Tenant(tenant));
        return tenant;
    }

    private static Response Commented(string submission, params Comment[] comments) => new()
    {
        SubmissionId = submission,
        Context = new ResponseContext { JourneyId = "online-purchase", JourneyStepId = "delivery", Channel = "web" },
        Answers = { new Answer { MetricId = "nps", Score = 4 }, new Answer { MetricId = "delivery", Score = 2 } },
        Comments = { comments },
    };

    private static string[] Fields(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToArray();

    private async Task<List<RecordedResponse>> ListAsync(string tenant) =>
        (await Host.Client.ListResponsesAsync(new ListResponsesRequest { PageSize = 100 }, Tenant(tenant))).Responses.ToList();

    private Task<int> StoredCommentsAsync(string tenant) => Host.ReadAsync(tenant, db => db.Comments.CountAsync());

    private Task<List<string>> RecordedEventsAsync(string tenant) => Host.ReadAsync(tenant, db =>
        db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.measurement.response_recorded.v1").OrderBy(m => m.Sequence).Select(m => m.Data).ToListAsync());

    [Fact]
    public async Task RecordResponse_CommentsInEnglishAndChinese_AreReadBackExactly_InOrder()
    {
        var tenant = await TenantAsync();

        var recorded = await Host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Commented("c-1", LateParcel, PatientAgent, Helped) }, Tenant(tenant));
        var read = Assert.Single(await ListAsync(tenant));

        Assert.Equal(recorded.ResponseId, read.ResponseId);
        Assert.Equal([LateParcel, PatientAgent, Helped], read.Response.Comments.ToArray());
        Assert.Equal("客服小王很耐心，帮我查到了包裹。谢谢！", read.Response.Comments[1].Text);
        Assert.Equal(3, await StoredCommentsAsync(tenant));
    }

    [Fact]
    public async Task RecordResponse_WithoutComments_ReadsBackNone()
    {
        var tenant = await TenantAsync();

        await Host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Commented("c-none") }, Tenant(tenant));

        Assert.Empty(Assert.Single(await ListAsync(tenant)).Response.Comments);
    }

    /// <summary>The limit counts characters (code points), as PostgreSQL does: 5,000 characters outside the BMP are 10,000 UTF-16 units, and fit.</summary>
    [Fact]
    public async Task RecordResponse_TextOfExactlyFiveThousandCharacters_IsKept_InEveryScript()
    {
        var tenant = await TenantAsync();
        var cjk = new Comment { Text = new string('慢', 5_000), Language = "zh" };
        var beyondBmp = new Comment { Text = string.Concat(Enumerable.Repeat("𠮷", 5_000)), Language = "ja" };

        await Host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Commented("c-long", cjk, beyondBmp) }, Tenant(tenant));

        Assert.Equal([cjk, beyondBmp], Assert.Single(await ListAsync(tenant)).Response.Comments.ToArray());
    }

    /// <summary>Over REST (JSON transcoding) the same: comments in, exactly as written; a bad one is 400 naming its field.</summary>
    [Fact]
    public async Task Rest_CommentsRoundTripAsJson_ABadOneIs400NamingIt()
    {
        var tenant = await TenantAsync();
        using var http = new HttpClient { BaseAddress = Host.Endpoints.HttpUrl };
        async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add(Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, TestIdentity.Token("measurement", tenant));
            using var response = await http.SendAsync(request);
            return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        var (recorded, _) = await PostAsync("/api/measurement/v1/responses",
            "{\"response\": {\"submissionId\": \"rest-1\", \"answers\": [{\"metricId\": \"nps\", \"score\": 9}], " +
            "\"comments\": [{\"metricId\": \"nps\", \"text\": \"小王很耐心\", \"language\": \"zh-CN\"}, {\"text\": \"Li Wei was very patient\", \"language\": \"en\"}]}}");
        var (bad, badBody) = await PostAsync("/api/measurement/v1/responses",
            "{\"response\": {\"submissionId\": \"rest-2\", \"answers\": [{\"metricId\": \"nps\", \"score\": 9}], \"comments\": [{\"text\": \"ok\", \"language\": \"english\"}]}}");
        var (_, listed) = await PostAsync("/api/measurement/v1/responses:search", "{}");

        Assert.Equal(HttpStatusCode.OK, recorded);
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("response.comments[0].language", badBody.GetProperty("details")[0].GetProperty("fieldViolations")[0].GetProperty("field").GetString());
        var comments = listed.GetProperty("responses").EnumerateArray().Single().GetProperty("response").GetProperty("comments").EnumerateArray()
            .Select(c => (c.TryGetProperty("metricId", out var metric) ? metric.GetString() : "", c.GetProperty("text").GetString(), c.GetProperty("language").GetString()))
            .ToArray();
        Assert.Equal([("nps", "小王很耐心", "zh-CN"), ("", "Li Wei was very patient", "en")], comments);
    }

    [Fact]
    public async Task ExportResponses_CarriesEachResponsesComments()
    {
        var tenant = await TenantAsync();
        var batch = new RecordResponsesRequest { Responses = { Commented("x-1", PatientAgent), Commented("x-2"), Commented("x-3", Helped, LateParcel) } };
        await Host.Client.RecordResponsesAsync(batch, Tenant(tenant));

        using var call = Host.Client.ExportResponses(new ExportResponsesRequest(), Tenant(tenant));
        var exported = new List<RecordedResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            exported.Add(response);
        }

        Assert.Equal(["x-1", "x-2", "x-3"], exported.Select(r => r.Response.SubmissionId).ToArray());
        Assert.Equal([PatientAgent], exported[0].Response.Comments.ToArray());
        Assert.Empty(exported[1].Response.Comments);
        Assert.Equal([Helped, LateParcel], exported[2].Response.Comments.ToArray());
    }

    [Fact]
    public async Task ResponseRecorded_CarriesTheComments_AsRecorded()
    {
        var tenant = await TenantAsync();

        var recorded = await Host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Commented("ev-1", LateParcel, PatientAgent) }, Tenant(tenant));

        var payload = ResponseRecorded.Parser.ParseJson(Assert.Single(await RecordedEventsAsync(tenant)));
        Assert.Equal((recorded.ResponseId, "ev-1"), (payload.ResponseId, payload.SubmissionId));
        Assert.Equal([LateParcel, PatientAgent], payload.Comments.ToArray());
    }

    [Fact]
    public async Task Resubmission_SingleAndInABatch_StoresAndPublishesTheCommentsOnce()
    {
        var tenant = await TenantAsync();
        var response = Commented("again-1", LateParcel, PatientAgent);

        var first = await Host.Client.RecordResponseAsync(new RecordResponseRequest { Response = response }, Tenant(tenant));
        var second = await Host.Client.RecordResponseAsync(new RecordResponseRequest { Response = response }, Tenant(tenant));
        var batch = await Host.Client.RecordResponsesAsync(new RecordResponsesRequest { Responses = { response, Commented("again-2", Helped), Commented("again-2", Helped) } }, Tenant(tenant));

        Assert.Equal((first.ResponseId, true), (second.ResponseId, second.Duplicate));
        Assert.Equal((1, 2), (batch.Recorded, batch.Duplicates));
        Assert.Equal(3, await StoredCommentsAsync(tenant));
        Assert.Equal(2, (await RecordedEventsAsync(tenant)).Count);
        Assert.Equal([LateParcel, PatientAgent], (await ListAsync(tenant)).Single(r => r.Response.SubmissionId == "again-1").Response.Comments.ToArray());
    }

    /// <summary>The bulk path (one call, one group commit) writes comments with the same plain inserts as answers.</summary>
    [Fact]
    public async Task RecordResponses_AThousandCommentedResponses_StoresEveryComment()
    {
        var tenant = await TenantAsync();
        var batch = new RecordResponsesRequest();
        batch.Responses.Add(Enumerable.Range(0, 1_000).Select(i => i % 4 == 3
            ? Commented($"bulk-{i:D4}")
            : Commented($"bulk-{i:D4}", new Comment { MetricId = i % 2 == 0 ? "delivery" : "", Text = $"第{i}号：送货太慢了", Language = "zh-CN" }, new Comment { Text = $"Comment {i}", Language = "en" })));

        var result = await Host.Client.RecordResponsesAsync(batch, Tenant(tenant));

        Assert.Equal((1_000, 0), (result.Recorded, result.Duplicates));
        Assert.Equal(1_500, await StoredCommentsAsync(tenant));
        using var call = Host.Client.ExportResponses(new ExportResponsesRequest(), Tenant(tenant));
        var exported = new List<RecordedResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            exported.Add(response);
        }

        Assert.Equal(1_000, exported.Count);
        Assert.Equal(
            [new Comment { MetricId = "delivery", Text = "第998号：送货太慢了", Language = "zh-CN" }, new Comment { Text = "Comment 998", Language = "en" }],
            exported[998].Response.Comments.ToArray());
        Assert.Empty(exported[999].Response.Comments);
    }

    private static readonly Dictionary<string, (Comment Comment, string Field)> Refusals = new()
    {
        ["no text"] = (new Comment { Text = "", Language = "en" }, "response.comments[1].text"),
        ["too long"] = (new Comment { Text = new string('a', 5_001), Language = "en" }, "response.comments[1].text"),
        ["too long beyond the BMP"] = (new Comment { Text = string.Concat(Enumerable.Repeat("𠮷", 5_001)), Language = "zh" }, "response.comments[1].text"),
        ["NUL"] = (new Comment { Text = "late\0parcel", Language = "en" }, "response.comments[1].text"),
        ["no language"] = (new Comment { Text = "Late.", Language = "" }, "response.comments[1].language"),
        ["a language name"] = (new Comment { Text = "Late.", Language = "english" }, "response.comments[1].language"),
        ["an underscore"] = (new Comment { Text = "Late.", Language = "zh_CN" }, "response.comments[1].language"),
        ["a metric defined but not answered"] = (new Comment { MetricId = "wait", Text = "Long queue.", Language = "en" }, "response.comments[1].metric_id"),
        ["a metric not defined"] = (new Comment { MetricId = "speed", Text = "Slow.", Language = "en" }, "response.comments[1].metric_id"),
    };

    public static TheoryData<string> RefusalNames => new(Refusals.Keys);

    [Theory]
    [MemberData(nameof(RefusalNames))]
    public async Task RecordResponse_BadComment_IsInvalidArgumentNamingItsField_AndRecordsNothing(string why)
    {
        var tenant = await TenantAsync();
        var (bad, field) = Refusals[why];

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Commented("bad-" + why, LateParcel, bad) }, Tenant(tenant)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([field], Fields(error));
        Assert.Empty(await ListAsync(tenant));
        Assert.Equal(0, await StoredCommentsAsync(tenant));
        Assert.Empty(await RecordedEventsAsync(tenant));
    }

    [Fact]
    public async Task RecordResponse_TwentyComments_AreKept_TwentyOneAreRefused()
    {
        var tenant = await TenantAsync();
        Comment[] Many(int count) => Enumerable.Range(0, count).Select(i => new Comment { Text = $"Point {i}.", Language = "en" }).ToArray();

        await Host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Commented("twenty", Many(20)) }, Tenant(tenant));
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Host.Client.RecordResponseAsync(new RecordResponseRequest { Response = Commented("twenty-one", Many(21)) }, Tenant(tenant)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["response.comments"], Fields(error));
        Assert.Equal(["twenty"], (await ListAsync(tenant)).Select(r => r.Response.SubmissionId).ToArray());
        Assert.Equal(20, await StoredCommentsAsync(tenant));
    }

    /// <summary>In a batch, every bad field of every response is named by its position; the whole call records nothing.</summary>
    [Fact]
    public async Task RecordResponses_BadCommentsInABatch_NameEachResponseAndComment_AndRecordNothing()
    {
        var tenant = await TenantAsync();
        var batch = new RecordResponsesRequest
        {
            Responses =
            {
                Commented("ok-0", LateParcel),
                Commented("bad-1", PatientAgent, new Comment { Text = "", Language = "en-US" }),
                Commented("bad-2", new Comment { MetricId = "wait", Text = "等了很久", Language = "zh-Hant" }, new Comment { Text = "Fine", Language = "en_US" }),
            },
        };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Host.Client.RecordResponsesAsync(batch, Tenant(tenant)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["responses[1].comments[1].text", "responses[2].comments[0].metric_id", "responses[2].comments[1].language"], Fields(error));
        Assert.Empty(await ListAsync(tenant));
        Assert.Equal(0, await StoredCommentsAsync(tenant));
        Assert.Empty(await RecordedEventsAsync(tenant));
    }
}

public sealed class SqliteCommentTests(MeasurementHost host) : CommentBehaviour, IClassFixture<MeasurementHost>
{
    protected override MeasurementHost Host => host;
}

public sealed class PostgreSqlCommentTests(PostgreSqlMeasurementHost host) : CommentBehaviour, IClassFixture<PostgreSqlMeasurementHost>
{
    protected override MeasurementHost Host => host;
}
