using System.Text;
using Cx.ServiceDefaults.Tests.Support;
using Cx.Testing.Hosting;
using Cx.Testing.V1;
using Google.Protobuf;
using Google.Rpc;
using Microsoft.Extensions.Logging;

namespace Cx.ServiceDefaults.Tests;

/// <summary>
/// Bytes that are not the method's message, sent as a client could send them: refused as
/// INVALID_ARGUMENT, naming the field when the bytes show it, and never logged as a fault of ours.
/// </summary>
public sealed class UnreadableRequestTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    private const string Echo = "/cx.testing.v1.ProbeService/Echo";
    private const string NotUtf8 = "Not valid UTF-8 text.";
    private const string Truncated = "The request body could not be read as a cx.testing.v1.EchoRequest message: "
        + "While parsing a protocol message, the input ended unexpectedly in the middle of a field.  "
        + "This could mean either that the input has been truncated or that an embedded message misreported its own length.";

    private static Dictionary<string, string> Acme => new() { [Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey] = Cx.Testing.Hosting.TestIdentity.Token("probe", "acme") };

    private Task<RawGrpcAnswer> CallAsync(string method, params byte[][] frames) =>
        RawGrpc.CallAsync(host.Endpoints.GrpcAddress, method, Acme, frames);

    private static (string Field, string Description)[] Violations(RawGrpcAnswer answer) =>
        Google.Rpc.Status.Parser.ParseFrom(answer.StatusDetails).GetDetail<BadRequest>()!.FieldViolations.Select(v => (v.Field, v.Description)).ToArray();

    /// <summary>Calls are logged by gRPC's server and the defaults' interceptors (start-up notes of transcoding aside).</summary>
    private void AssertNothingLoggedAsAFault() =>
        Assert.Empty(host.Logs.Entries
            .Where(e => e.Level >= LogLevel.Warning && (e.Category.StartsWith("Grpc.", StringComparison.Ordinal) || e.Category.StartsWith("Cx.", StringComparison.Ordinal)))
            .Select(e => $"{e.Level} {e.Category}: {e.Message}"));

    private static byte[] Bytes(params object[] parts) =>
        parts.SelectMany(p => p switch { string s => Encoding.UTF8.GetBytes(s), byte b => [b], int i => [(byte)i], byte[] a => a, _ => throw new ArgumentException("bytes or text") }).ToArray();

    public static TheoryData<string, byte[]> NotUtf8Fields => new()
    {
        // text = 1: C3 28 starts a two-byte sequence that does not continue.
        { "text", Bytes(0x0A, 2, 0xC3, 0x28) },
        { "label.name", Bytes(0x1A, 4, 0x0A, 2, 0xFF, 0xFE) },
        { "tags[1]", Bytes(0x22, 2, "ok", 0x22, 1, 0x80) },
        { "history[1].key", Bytes(0x4A, 4, 0x12, 2, "ok", 0x4A, 4, 0x12, 2, 0xED, 0xA0) },
        { "labels[en]", Bytes(0x3A, 8, 0x0A, 2, "en", 0x12, 2, 0xC0, 0xAF) },
        { "labels", Bytes(0x3A, 7, 0x0A, 1, 0xFF, 0x12, 2, "hi") },
    };

    [Theory]
    [MemberData(nameof(NotUtf8Fields))]
    public async Task Unary_TextThatIsNotUtf8_IsInvalidNamingTheField(string field, byte[] payload)
    {
        var answer = await CallAsync(Echo, RawGrpc.Frame(payload));

        Assert.Equal(3, answer.Status);
        Assert.Equal($"The request body could not be read as a cx.testing.v1.EchoRequest message: {field}: {NotUtf8}", answer.Message);
        Assert.Equal([(field, NotUtf8)], Violations(answer));
        Assert.Empty(answer.Messages);
        AssertNothingLoggedAsAFault();
    }

    [Fact]
    public async Task Unary_ValidTextBeyondAscii_IsReadAsSent()
    {
        var answer = await CallAsync(Echo, RawGrpc.Frame(new EchoRequest { Text = "héllo 你好 😀", Labels = { ["zh-CN"] = "问卷" } }.ToByteArray()));

        Assert.Equal(0, answer.Status);
        Assert.Equal("héllo 你好 😀", EchoResponse.Parser.ParseFrom(answer.Messages.Single()).Text);
    }

    [Fact]
    public async Task Unary_MessageCutShort_IsInvalid_SayingItCouldNotBeRead()
    {
        // text = 1 announces 5 bytes and the body ends after 2.
        var answer = await CallAsync(Echo, RawGrpc.Frame(Bytes(0x0A, 5, "ab")));

        Assert.Equal((3, Truncated), (answer.Status, answer.Message));
        Assert.Empty(Violations(answer));
        AssertNothingLoggedAsAFault();
    }

    [Fact]
    public async Task Unary_InvalidWireType_IsInvalid_SayingItCouldNotBeRead()
    {
        // Field 1 with wire type 7, which does not exist.
        var answer = await CallAsync(Echo, RawGrpc.Frame(Bytes(0x0F, 1)));

        Assert.Equal(3, answer.Status);
        Assert.Equal("The request body could not be read as a cx.testing.v1.EchoRequest message: Protocol message contained a tag with an invalid wire type.", answer.Message);
        Assert.Empty(Violations(answer));
        AssertNothingLoggedAsAFault();
    }

    [Fact]
    public async Task ServerStreaming_Unreadable_IsInvalid_BeforeAnyMessage()
    {
        var bad = await CallAsync("/cx.testing.v1.ProbeService/Repeat", RawGrpc.Frame(Bytes(0x10, 3, 0x0A, 1, 0xFF)));
        var cut = await CallAsync("/cx.testing.v1.ProbeService/Repeat", RawGrpc.Frame(Bytes(0x10, 3, 0x0A, 5, "ab")));
        var good = await CallAsync("/cx.testing.v1.ProbeService/Repeat", RawGrpc.Frame(new EchoRequest { Text = "é", Count = 2 }.ToByteArray()));

        Assert.Equal((3, 0), (bad.Status, bad.Messages.Count));
        Assert.Equal([("text", NotUtf8)], Violations(bad));
        Assert.Equal((3, 0), (cut.Status, cut.Messages.Count));
        Assert.Equal((0, 2), (good.Status, good.Messages.Count));
        AssertNothingLoggedAsAFault();
    }

    [Fact]
    public async Task ClientStreaming_OneUnreadableMessage_IsInvalid()
    {
        const string method = "/cx.testing.v1.ProbeService/Concatenate";
        var good = RawGrpc.Frame(new EchoRequest { Text = "a" }.ToByteArray());

        var bad = await CallAsync(method, good, RawGrpc.Frame(Bytes(0x1A, 3, 0x0A, 1, 0xFE)), good);
        var cut = await CallAsync(method, good, RawGrpc.Frame(Bytes(0x0A, 9, "a")));
        var fine = await CallAsync(method, good, good);

        Assert.Equal(3, bad.Status);
        Assert.Equal([("label.name", NotUtf8)], Violations(bad));
        Assert.Equal((3, Truncated), (cut.Status, cut.Message));
        Assert.Equal((0, "aa"), (fine.Status, EchoResponse.Parser.ParseFrom(fine.Messages.Single()).Text));
        AssertNothingLoggedAsAFault();
    }

    /// <summary>The service is bound once, by the defaults: the generated client, REST and reflection see the same methods.</summary>
    [Fact]
    public async Task TheServiceIsStillServedByEveryRoute()
    {
        var reply = await host.Probe.EchoAsync(new EchoRequest { Text = "x" }, ProbeHost.Tenant());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/testing/v1/echo") { Content = new StringContent("{\"text\":\"y\"}", Encoding.UTF8, "application/json") };
        request.Headers.Add(Cx.ServiceDefaults.Identity.IdentityToken.MetadataKey, Cx.Testing.Hosting.TestIdentity.Token("probe", "acme"));
        using var rest = await host.Http.SendAsync(request);

        Assert.Equal("x", reply.Text);
        Assert.Equal(System.Net.HttpStatusCode.OK, rest.StatusCode);
        Assert.Contains("cx.testing.v1.ProbeService", CxServiceApplication.GrpcServiceNames(host.App));
    }
}
