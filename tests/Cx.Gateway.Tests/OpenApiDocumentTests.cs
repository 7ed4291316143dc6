using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cx.Api.V1;
using Cx.Gateway.OpenApi;
using Cx.Gateway.Routing;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Xunit;
using ProtoType = Google.Protobuf.Reflection.FieldDescriptorProto.Types.Type;

namespace Cx.Gateway.Tests;

public sealed partial class OpenApiDocumentTests
{
    private const string Schemas = "#/components/schemas/";

    private static readonly JsonNode Document = JsonNode.Parse(OpenApiDocument.Generate(ContractRoutes.Files, "1.2.3", Webhooks.WebhookEventTypes.All))!;

    [Fact]
    public void Document_IsOpenApi31_TitledAndVersioned()
    {
        Assert.Equal("3.1.0", (string?)Document["openapi"]);
        Assert.Equal("CX OS API", (string?)Document["info"]!["title"]);
        Assert.Equal("1.2.3", (string?)Document["info"]!["version"]);
        Assert.Equal(["culture", "design", "gateway", "governance", "measurement", "platform", "strategy", "understanding", "webhooks"], Document["tags"]!.AsArray().Select(tag => (string)tag!["name"]!));
    }

    [Fact]
    public void TheContractsComments_ReachTheDocument_ThoughCompiledDescriptorsCarryNone()
    {
        var response = Document["components"]!["schemas"]!["cx.measurement.v1.Response"]!["properties"]!;
        var detractor = Document["webhooks"]!["cx.measurement.detractor_detected.v1"]!["post"]!;

        Assert.Null(Cx.Measurement.V1.Response.Descriptor.Declaration);
        Assert.Equal("The caller's id of this submission: recording it again changes nothing.", (string?)response["submissionId"]!["description"]);
        Assert.Equal("An NPS answer of 0-6: a customer to recover. Governance opens a case from it.", (string?)detractor["description"]);
        Assert.Equal("An NPS answer of 0-6: a customer to recover.", (string?)detractor["summary"]);
    }

    [Fact]
    public void EveryEventType_IsAWebhook_WithItsSignedHeaders_BodySchema_AndExample()
    {
        var webhooks = Document["webhooks"]!.AsObject();

        Assert.Equal(Webhooks.WebhookEventTypes.All.Select(e => e.Type), webhooks.Select(w => w.Key));
        Assert.Equal(31, webhooks.Count);
        Assert.Contains("cx.design.journey_published.v1", webhooks.Select(w => w.Key));
        Assert.Contains("cx.culture.recognition_awarded.v1", webhooks.Select(w => w.Key));
        var detractor = webhooks["cx.measurement.detractor_detected.v1"]!["post"]!;
        Assert.Equal(["webhook-id", "webhook-timestamp", "webhook-signature"], detractor["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.All(detractor["parameters"]!.AsArray(), p => Assert.Equal("header", (string?)p!["in"]));
        var content = detractor["requestBody"]!["content"]!["application/json"]!;
        Assert.Equal("cx.measurement.detractor_detected.v1", (string?)content["schema"]!["properties"]!["type"]!["const"]);
        Assert.Equal(Schemas + "cx.events.v1.DetractorDetected", (string?)content["schema"]!["properties"]!["data"]!["$ref"]);
        Assert.NotNull(Document["components"]!["schemas"]!["cx.events.v1.DetractorDetected"]);
        Assert.Equal("cx.measurement.detractor_detected.v1", (string?)content["example"]!["type"]);
        Assert.Equal("2026-11-24T09:30:00.000Z", (string?)content["example"]!["timestamp"]);
        Assert.True(content["example"]!["data"]!.AsObject().Count >= 4);
    }

    [Fact]
    public void EveryRpcWithAnHttpRule_IsDocumentedOnce_UnderItsPathAndVerb()
    {
        var expected = new List<string>();
        foreach (var file in ContractRoutes.Files.Where(f => ContractRoutes.DisciplineOf(f.Package) is not null))
        {
            foreach (var service in file.Services)
            {
                foreach (var method in service.Methods)
                {
                    var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
                    if (rule is null || method.IsClientStreaming)
                    {
                        continue;
                    }

                    var (verb, template) = rule.PatternCase switch
                    {
                        HttpRule.PatternOneofCase.Get => ("get", rule.Get),
                        HttpRule.PatternOneofCase.Put => ("put", rule.Put),
                        HttpRule.PatternOneofCase.Post => ("post", rule.Post),
                        HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
                        HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
                        _ => throw new InvalidOperationException($"{method.FullName}: unexpected {rule.PatternCase}"),
                    };
                    expected.Add($"{verb} {VariablePatternSuffix().Replace(template, "}")} {service.Name}_{method.Name}");
                }
            }
        }

        var documented = Operations().Select(o => $"{o.Verb} {o.Path} {(string?)o.Operation["operationId"]}").ToList();

        Assert.True(expected.Count > 50, $"Only {expected.Count} rpcs with HTTP rules found; is the contract loaded?");
        Assert.Equal(expected.Count, expected.Distinct().Count());
        Assert.Equal(expected.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ClientStreamingRpc_StreamResponses_IsAbsent()
    {
        var method = ContractRoutes.Files.SelectMany(f => f.Services).SelectMany(s => s.Methods).Single(m => m.FullName == "cx.measurement.v1.MeasurementService.StreamResponses");
        Assert.True(method.IsClientStreaming);

        Assert.DoesNotContain(Operations(), o => ((string?)o.Operation["operationId"])!.Contains("StreamResponses", StringComparison.Ordinal));
    }

    [Fact]
    public void RecordResponse_TakesTheWholeRequestAsBody_AndNeedsMeasurementWrite()
    {
        var operation = Operation("/api/measurement/v1/responses", "post");

        Assert.Equal("MeasurementService_RecordResponse", (string?)operation["operationId"]);
        Assert.Equal("Records one response; idempotent by submission_id.", (string?)operation["summary"]);
        Assert.Equal("measurement:write", (string?)operation["x-cx-permission"]);
        Assert.Equal(["measurement"], operation["tags"]!.AsArray().Select(tag => (string)tag!));
        Assert.Null(operation["parameters"]);
        Assert.Equal(Schemas + "cx.measurement.v1.RecordResponseRequest", (string?)BodySchema(operation)["$ref"]);
        Assert.Equal(Schemas + "cx.measurement.v1.RecordResponseResult", (string?)ResultSchema(operation)["$ref"]);
    }

    [Fact]
    public void Get_PathVariableIsARequiredPathParameter_OtherFieldsAreQueryParameters()
    {
        var metric = Operation("/api/measurement/v1/metrics/{metric_id}", "get");
        Assert.Equal(
            [("metric_id", "path", true, "string"), ("version", "query", false, "integer")],
            metric["parameters"]!.AsArray().Select(p => Describe(p!)).ToArray());
        Assert.Equal("measurement:read", (string?)metric["x-cx-permission"]);
        Assert.Null(metric["requestBody"]);

        var keys = Operation("/api/gateway/v1/api-keys", "get");
        Assert.Equal(
            [("pageSize", "query", false, "integer"), ("pageToken", "query", false, "string"), ("includeInactive", "query", false, "boolean")],
            keys["parameters"]!.AsArray().Select(p => Describe(p!)));
        Assert.Equal("gateway:admin", (string?)keys["x-cx-permission"]);
        Assert.Null(keys["requestBody"]);

        // A repeated enum is a repeated query parameter.
        var statuses = Operation("/api/governance/v1/cases", "get")["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "statuses")!;
        Assert.Equal("array", (string?)statuses["schema"]!["type"]);
        Assert.Equal(Schemas + "cx.governance.v1.CaseStatus", (string?)statuses["schema"]!["items"]!["$ref"]);
    }

    [Fact]
    public void NestedPathVariable_KeepsItsFieldPath_AndTheNamedBodyFieldIsTheBody()
    {
        var operation = Operation("/api/measurement/v1/metrics/{metric.metric_id}", "put");

        var only = Assert.Single(operation["parameters"]!.AsArray());
        Assert.Equal(("metric.metric_id", "path", true, "string"), Describe(only!));
        Assert.Equal(Schemas + "cx.measurement.v1.MetricDefinition", (string?)BodySchema(operation)["$ref"]);
        Assert.Equal("measurement:admin", (string?)operation["x-cx-permission"]);
    }

    [Fact]
    public void WholeRequestBody_WithAPathVariable_LeavesThatFieldOutOfTheBody()
    {
        var operation = Operation("/api/measurement/v1/instruments/{instrument_id}:changeStatus", "post");

        Assert.Equal(("instrument_id", "path", true, "string"), Describe(Assert.Single(operation["parameters"]!.AsArray())!));
        var body = BodySchema(operation);
        Assert.Equal("object", (string?)body["type"]);
        Assert.Equal(["status"], body["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(Schemas + "cx.measurement.v1.InstrumentStatus", (string?)body["properties"]!["status"]!["$ref"]);
    }

    [Fact]
    public void Schemas_FollowTheProto3JsonMapping()
    {
        var result = Schema("cx.measurement.v1.MetricResult")["properties"]!;
        // int64: transcoding writes numbers by default and reads numbers or strings.
        Assert.Equal(["integer", "string"], result["n"]!["type"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("int64", (string?)result["n"]!["format"]);
        Assert.Equal("array", (string?)result["distribution"]!["type"]);
        Assert.Equal("int64", (string?)result["distribution"]!["items"]!["format"]);
        Assert.Equal(("number", "double"), ((string?)result["score"]!["type"], (string?)result["score"]!["format"]));
        Assert.Equal("boolean", (string?)result["lowN"]!["type"]);
        Assert.Equal(Schemas + "cx.common.v1.Interval", (string?)result["interval"]!["$ref"]);

        var definition = Schema("cx.measurement.v1.MetricDefinition")["properties"]!;
        Assert.Equal(["metricId", "version", "kind", "name", "scaleMin", "scaleMax", "higherIsBetter", "target", "createdAt"], definition.AsObject().Select(p => p.Key));
        Assert.Equal(("integer", "int32"), ((string?)definition["version"]!["type"], (string?)definition["version"]!["format"]));
        Assert.Equal(("string", "date-time"), ((string?)definition["createdAt"]!["type"], (string?)definition["createdAt"]!["format"]));
        Assert.Equal(Schemas + "cx.measurement.v1.MetricKind", (string?)definition["kind"]!["$ref"]);

        var kind = Schema("cx.measurement.v1.MetricKind");
        Assert.Equal("string", (string?)kind["type"]);
        Assert.Equal(
            ["METRIC_KIND_UNSPECIFIED", "METRIC_KIND_NPS", "METRIC_KIND_CSAT", "METRIC_KIND_CES", "METRIC_KIND_RATING"],
            kind["enum"]!.AsArray().Select(v => (string)v!));

        var text = Schema("cx.measurement.v1.Question")["properties"]!["text"]!;
        Assert.Equal("object", (string?)text["type"]);
        Assert.Equal("string", (string?)text["additionalProperties"]!["type"]);

        Assert.Null(Document["components"]!["schemas"]!["google.protobuf.Timestamp"]);
    }

    [Fact]
    public void ServerStreamingRpc_AnswersLineDelimitedJsonOfItsMessage()
    {
        var operation = Operation("/api/measurement/v1/responses:export", "post");

        Assert.Equal(Schemas + "cx.measurement.v1.RecordedResponse", (string?)operation["responses"]!["200"]!["content"]!["application/x-ndjson"]!["schema"]!["$ref"]);
        Assert.Null(operation["responses"]!["200"]!["content"]!["application/json"]);
        Assert.Contains("line-delimited JSON", (string?)operation["responses"]!["200"]!["description"], StringComparison.Ordinal);
        Assert.True((bool?)operation["x-cx-server-streaming"]);
        Assert.Null(Operation("/api/measurement/v1/responses", "post")["x-cx-server-streaming"]);
    }

    [Fact]
    public void EveryOperation_HasATag_APermissionOfItsDiscipline_AndAStatusAsItsError()
    {
        foreach (var (path, verb, operation) in Operations())
        {
            var discipline = path.Split('/')[2];
            Assert.Equal([discipline], operation["tags"]!.AsArray().Select(tag => (string)tag!));
            Assert.Matches($"^{discipline}:(read|write|admin)$", (string?)operation["x-cx-permission"]);
            Assert.Equal(Schemas + "google.rpc.Status", (string?)operation["responses"]!["default"]!["content"]!["application/json"]!["schema"]!["$ref"]);
            Assert.NotNull(operation["responses"]!["200"]!["content"]![operation["x-cx-server-streaming"] is null ? "application/json" : "application/x-ndjson"]!["schema"]);
            Assert.True(verb is "get" or "put" or "post" or "delete" or "patch", verb);
        }

        var status = Schema("google.rpc.Status")["properties"]!;
        Assert.Equal(["code", "message", "details"], status.AsObject().Select(p => p.Key));
        Assert.Equal("integer", (string?)status["code"]!["type"]);
        Assert.Equal("string", (string?)status["message"]!["type"]);
        Assert.Equal("array", (string?)status["details"]!["type"]);
        Assert.Equal("string", (string?)status["details"]!["items"]!["properties"]!["@type"]!["type"]);
    }

    [Fact]
    public void Security_IsAnApiKeyHeaderOrABearerToken()
    {
        var schemes = Document["components"]!["securitySchemes"]!;
        Assert.Equal(("apiKey", "header", "x-api-key"), ((string?)schemes["apiKey"]!["type"], (string?)schemes["apiKey"]!["in"], (string?)schemes["apiKey"]!["name"]));
        Assert.Equal(("http", "bearer"), ((string?)schemes["bearer"]!["type"], (string?)schemes["bearer"]!["scheme"]));
        Assert.Equal("[{\"apiKey\":[]},{\"bearer\":[]}]", Document["security"]!.ToJsonString());
    }

    [Fact]
    public void EveryRef_ResolvesToAComponent_AndEveryPathVariableIsAParameter()
    {
        var schemas = Document["components"]!["schemas"]!.AsObject();
        var refs = Descendants(Document).OfType<JsonObject>().Where(o => o.ContainsKey("$ref")).Select(o => (string)o["$ref"]!).Distinct().ToList();

        Assert.True(refs.Count > 50, $"Only {refs.Count} references.");
        Assert.All(refs, reference =>
        {
            Assert.StartsWith(Schemas, reference, StringComparison.Ordinal);
            Assert.True(schemas.ContainsKey(reference[Schemas.Length..]), $"{reference} does not resolve.");
        });
        foreach (var (path, _, operation) in Operations())
        {
            var variables = Regex.Matches(path, @"\{([^}]+)\}").Select(m => m.Groups[1].Value);
            var inPath = operation["parameters"]?.AsArray().Where(p => (string?)p!["in"] == "path").Select(p => (string)p!["name"]!) ?? [];
            Assert.Equal(variables, inPath);
        }
    }

    [Fact]
    public void Generation_IsDeterministic_WithPathsAndSchemasSorted()
    {
        var first = OpenApiDocument.Generate(ContractRoutes.Files, "1.2.3");
        var second = OpenApiDocument.Generate(ContractRoutes.Files.Reverse().ToList(), "1.2.3");

        Assert.Equal(first, second);
        var paths = Document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(paths.Order(StringComparer.Ordinal), paths);
        var schemas = Document["components"]!["schemas"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(schemas.Order(StringComparer.Ordinal), schemas);
    }

    [Fact]
    public void SampleContract_MapsQueryNamesWrappersOneofsAndResponseBody()
    {
        var document = JsonNode.Parse(OpenApiDocument.Generate([SampleContract()], "test"))!;
        var paths = document["paths"]!;

        var get = paths["/api/sample/v1/samples/{sample_id}"]!["get"]!;
        Assert.Equal(
            [("sample_id", "path", true, "string"), ("window.start", "query", false, "string"), ("window.length", "query", false, "string"), ("codes", "query", false, "array"), ("limit", "query", false, "integer")],
            get["parameters"]!.AsArray().Select(p => Describe(p!)));
        Assert.Equal("date-time", (string?)get["parameters"]![1]!["schema"]!["format"]);
        Assert.Equal("uint64", (string?)get["parameters"]![3]!["schema"]!["items"]!["format"]);
        Assert.Equal("sample:read", (string?)get["x-cx-permission"]);

        var sample = document["components"]!["schemas"]!["cx.sample.v1.Sample"]!["properties"]!;
        Assert.Equal(("string", "byte"), ((string?)sample["payload"]!["type"], (string?)sample["payload"]!["format"]));
        Assert.Equal(["integer", "string", "null"], sample["maybeCount"]!["type"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("Part of oneof 'choice': at most one of text, number is set.", (string?)sample["text"]!["description"]);
        Assert.Equal("Part of oneof 'choice': at most one of text, number is set.", (string?)sample["number"]!["description"]);
        Assert.Null(sample["payload"]!["description"]);
        Assert.Equal(["@type"], sample["detail"]!["required"]!.AsArray().Select(t => (string)t!));
        Assert.Empty(sample["anything"]!.AsObject());
        Assert.Equal(Schemas + "cx.sample.v1.Window", (string?)sample["windows"]!["additionalProperties"]!["$ref"]);
        Assert.Equal(Schemas + "cx.sample.v1.Sample", (string?)sample["parent"]!["$ref"]);

        var names = paths["/api/sample/v1/sample-names"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        Assert.Equal("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", names.ToJsonString());

        var clear = paths["/api/sample/v1/samples/{sample_id}"]!["delete"]!;
        Assert.Equal("{\"type\":\"object\"}", ResultSchema(clear).ToJsonString());
        Assert.Equal("sample:write", (string?)clear["x-cx-permission"]);
        Assert.True((bool?)paths["/api/sample/v1/samples:watch"]!["get"]!["x-cx-server-streaming"]);
        Assert.Null(paths["/api/sample/v1/samples:upload"]);
    }

    [Fact]
    public void SampleContract_CommentsBecomeSummariesAndDescriptions()
    {
        var document = JsonNode.Parse(OpenApiDocument.Generate([SampleContract()], "test"))!;

        var get = document["paths"]!["/api/sample/v1/samples/{sample_id}"]!["get"]!;
        Assert.Equal("Reads one sample, e.g. the latest one.", (string?)get["summary"]);
        Assert.Equal("Reads one sample, e.g. the latest one.\nThen says how it was taken.", (string?)get["description"]);
        Assert.Equal("The sample's id.", (string?)document["components"]!["schemas"]!["cx.sample.v1.Sample"]!["properties"]!["sampleId"]!["description"]);

        var clear = document["paths"]!["/api/sample/v1/samples/{sample_id}"]!["delete"]!;
        Assert.Equal("ClearSample", (string?)clear["summary"]);
        Assert.Null(clear["description"]);
    }

    private static JsonNode Operation(string path, string verb) =>
        Document["paths"]![path]?[verb] ?? throw new InvalidOperationException($"{verb.ToUpperInvariant()} {path} is not documented.");

    private static IEnumerable<(string Path, string Verb, JsonNode Operation)> Operations() =>
        Document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (path.Key, op.Key, op.Value!)));

    private static JsonNode Schema(string name) =>
        Document["components"]!["schemas"]![name] ?? throw new InvalidOperationException($"No schema {name}.");

    private static JsonNode BodySchema(JsonNode operation) => operation["requestBody"]!["content"]!["application/json"]!["schema"]!;

    private static JsonNode ResultSchema(JsonNode operation) => operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;

    private static (string?, string?, bool?, string?) Describe(JsonNode parameter) =>
        ((string?)parameter["name"], (string?)parameter["in"], (bool?)parameter["required"], (string?)parameter["schema"]!["type"]);

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().SelectMany(Descendants))
        {
            yield return child;
        }
    }

    /// <summary>
    /// A small contract with what the real one does not use yet (oneofs, wrappers, bytes, Any,
    /// response_body, client streaming) and with source info, as protoc gives a plugin.
    /// </summary>
    private static FileDescriptor SampleContract()
    {
        var file = new FileDescriptorProto { Name = "cx/sample/v1/sample.proto", Package = "cx.sample.v1", Syntax = "proto3" };
        file.Dependency.Add([
            "google/protobuf/timestamp.proto", "google/protobuf/duration.proto", "google/protobuf/wrappers.proto", "google/protobuf/struct.proto",
            "google/protobuf/any.proto", "google/protobuf/empty.proto", "google/api/annotations.proto", "cx/api/v1/access.proto",
        ]);

        var window = new DescriptorProto { Name = "Window" };
        window.Field.Add([Field("start", 1, ProtoType.Message, ".google.protobuf.Timestamp"), Field("length", 2, ProtoType.Message, ".google.protobuf.Duration")]);

        var request = new DescriptorProto { Name = "GetSampleRequest" };
        request.NestedType.Add(MapEntry("TagsEntry", Field("value", 2, ProtoType.String)));
        request.Field.Add([
            Field("sample_id", 1, ProtoType.String),
            Field("window", 2, ProtoType.Message, ".cx.sample.v1.Window"),
            Field("codes", 3, ProtoType.Uint64, repeated: true),
            Field("limit", 4, ProtoType.Message, ".google.protobuf.Int32Value"),
            Field("windows", 5, ProtoType.Message, ".cx.sample.v1.Window", repeated: true),
            Field("tags", 6, ProtoType.Message, ".cx.sample.v1.GetSampleRequest.TagsEntry", repeated: true),
        ]);

        var sample = new DescriptorProto { Name = "Sample" };
        sample.OneofDecl.Add(new OneofDescriptorProto { Name = "choice" });
        sample.NestedType.Add(MapEntry("WindowsEntry", Field("value", 2, ProtoType.Message, ".cx.sample.v1.Window")));
        var text = Field("text", 5, ProtoType.String);
        text.OneofIndex = 0;
        var number = Field("number", 6, ProtoType.Double);
        number.OneofIndex = 0;
        sample.Field.Add([
            Field("sample_id", 1, ProtoType.String),
            Field("payload", 2, ProtoType.Bytes),
            Field("total", 3, ProtoType.Uint64),
            Field("maybe_count", 4, ProtoType.Message, ".google.protobuf.Int64Value"),
            text,
            number,
            Field("detail", 7, ProtoType.Message, ".google.protobuf.Any"),
            Field("anything", 8, ProtoType.Message, ".google.protobuf.Value"),
            Field("windows", 9, ProtoType.Message, ".cx.sample.v1.Sample.WindowsEntry", repeated: true),
            Field("parent", 10, ProtoType.Message, ".cx.sample.v1.Sample"),
        ]);

        var names = new DescriptorProto { Name = "ListSampleNamesResponse" };
        names.Field.Add(Field("names", 1, ProtoType.String, repeated: true));

        file.MessageType.Add([window, request, sample, new DescriptorProto { Name = "ListSampleNamesRequest" }, names]);

        var service = new ServiceDescriptorProto { Name = "SampleService" };
        service.Method.Add([
            Method("GetSample", "GetSampleRequest", ".cx.sample.v1.Sample", Access.Read, new HttpRule { Get = "/api/sample/v1/samples/{sample_id}" }),
            Method("ListSampleNames", "ListSampleNamesRequest", ".cx.sample.v1.ListSampleNamesResponse", Access.Read, new HttpRule { Get = "/api/sample/v1/sample-names", ResponseBody = "names" }),
            Method("WatchSamples", "GetSampleRequest", ".cx.sample.v1.Sample", Access.Read, new HttpRule { Get = "/api/sample/v1/samples:watch" }, serverStreaming: true),
            Method("ClearSample", "GetSampleRequest", ".google.protobuf.Empty", Access.Write, new HttpRule { Delete = "/api/sample/v1/samples/{sample_id}" }),
            Method("UploadSamples", "Sample", ".google.protobuf.Empty", Access.Write, new HttpRule { Post = "/api/sample/v1/samples:upload", Body = "*" }, clientStreaming: true),
        ]);
        file.Service.Add(service);

        // Paths into the file: 6 = service, 2 = method; 4 = message type, 2 = field.
        file.SourceCodeInfo = new SourceCodeInfo();
        file.SourceCodeInfo.Location.Add(Comment(" Reads one sample, e.g. the latest one.\n Then says how it was taken.\n", 6, 0, 2, 0));
        file.SourceCodeInfo.Location.Add(Comment(" The sample's id.\n", 4, 2, 2, 0));

        var registry = new ExtensionRegistry { AccessExtensions.Access, AnnotationsExtensions.Http };
        var built = FileDescriptor.BuildFromByteStrings(
            [
                DescriptorReflection.Descriptor.SerializedData, TimestampReflection.Descriptor.SerializedData, DurationReflection.Descriptor.SerializedData,
                WrappersReflection.Descriptor.SerializedData, StructReflection.Descriptor.SerializedData, AnyReflection.Descriptor.SerializedData,
                EmptyReflection.Descriptor.SerializedData, HttpReflection.Descriptor.SerializedData, AnnotationsReflection.Descriptor.SerializedData,
                AccessReflection.Descriptor.SerializedData, file.ToByteString(),
            ],
            registry);
        return built[^1];

        static FieldDescriptorProto Field(string name, int number, ProtoType type, string? typeName = null, bool repeated = false)
        {
            var field = new FieldDescriptorProto
            {
                Name = name,
                Number = number,
                Type = type,
                Label = repeated ? FieldDescriptorProto.Types.Label.Repeated : FieldDescriptorProto.Types.Label.Optional,
            };
            if (typeName is not null)
            {
                field.TypeName = typeName;
            }

            return field;
        }

        static DescriptorProto MapEntry(string name, FieldDescriptorProto value)
        {
            var entry = new DescriptorProto { Name = name, Options = new MessageOptions { MapEntry = true } };
            entry.Field.Add([Field("key", 1, ProtoType.String), value]);
            return entry;
        }

        static MethodDescriptorProto Method(string name, string input, string output, Access access, HttpRule rule, bool clientStreaming = false, bool serverStreaming = false)
        {
            var options = new MethodOptions();
            options.SetExtension(AccessExtensions.Access, access);
            options.SetExtension(AnnotationsExtensions.Http, rule);
            return new MethodDescriptorProto
            {
                Name = name,
                InputType = input.StartsWith('.') ? input : ".cx.sample.v1." + input,
                OutputType = output,
                Options = options,
                ClientStreaming = clientStreaming,
                ServerStreaming = serverStreaming,
            };
        }

        static SourceCodeInfo.Types.Location Comment(string comment, params int[] path)
        {
            var location = new SourceCodeInfo.Types.Location { LeadingComments = comment };
            location.Path.Add(path);
            location.Span.Add([1, 0, 10]);
            return location;
        }
    }

    [GeneratedRegex("=[^}]*}", RegexOptions.CultureInvariant)]
    private static partial Regex VariablePatternSuffix();
}
