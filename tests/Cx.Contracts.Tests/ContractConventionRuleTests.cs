using Cx.Events.V1;
using Google.Api;
using Google.Protobuf.Reflection;

namespace Cx.Contracts.Tests;

/// <summary>
/// Each convention rule on a made-up file that follows it and on one that breaks it, so a rule that
/// passes on the real contract is known to be able to fail.
/// </summary>
public sealed class ContractConventionRuleTests
{
    public static TheoryData<string> RuleNames => [.. Rules.Keys];

    private static readonly Dictionary<string, Func<FileDescriptorProto, IEnumerable<string>>> Rules = new(StringComparer.Ordinal)
    {
        [nameof(ContractConventions.PackageFollowsPattern)] = ContractConventions.PackageFollowsPattern,
        [nameof(ContractConventions.PackageMatchesFolder)] = ContractConventions.PackageMatchesFolder,
        [nameof(ContractConventions.CsharpNamespaceIsPascalCasedPackage)] = ContractConventions.CsharpNamespaceIsPascalCasedPackage,
        [nameof(ContractConventions.RpcsHaveHttpRules)] = ContractConventions.RpcsHaveHttpRules,
        [nameof(ContractConventions.RpcsDeclareAccess)] = ContractConventions.RpcsDeclareAccess,
        [nameof(ContractConventions.HttpPathsStartWithDisciplineAndVersion)] = ContractConventions.HttpPathsStartWithDisciplineAndVersion,
        [nameof(ContractConventions.ServicesEndWithService)] = ContractConventions.ServicesEndWithService,
        [nameof(ContractConventions.FieldNamesAreLowerSnakeCase)] = ContractConventions.FieldNamesAreLowerSnakeCase,
        [nameof(ContractConventions.EnumsStartWithUnspecifiedZero)] = ContractConventions.EnumsStartWithUnspecifiedZero,
        [nameof(ContractConventions.EventsImportOnlySharedTypes)] = ContractConventions.EventsImportOnlySharedTypes,
    };

    [Fact]
    public void EventsImportOnlySharedTypes_AnEventFileImportingAServiceApi_IsReported()
    {
        var file = ProtoFiles.ValidOrders();
        file.Name = "cx/events/v1/order_events.proto";
        file.Package = "cx.events.v1";
        file.Dependency.Add("cx/common/v1/responses.proto");
        file.Dependency.Add("cx/orders/v1/orders.proto");

        var problem = Assert.Single(ContractConventions.EventsImportOnlySharedTypes(file));

        Assert.Contains("cx/events/v1/order_events.proto: imports 'cx/orders/v1/orders.proto'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Rule_ValidFile_ReportsNothing(string rule) =>
        Assert.Empty(Rules[rule](ProtoFiles.ValidOrders()));

    [Theory]
    [InlineData("cx.test")]
    [InlineData("cx.Test.v1")]
    [InlineData("cx.test.v0")]
    [InlineData("cx.test.version1")]
    [InlineData("acme.test.v1")]
    public void PackageFollowsPattern_WrongForm_IsReported(string package)
    {
        var file = ProtoFiles.ValidOrders();
        file.Package = package;

        var problem = Assert.Single(ContractConventions.PackageFollowsPattern(file));

        Assert.Contains($"cx/test/v1/orders.proto: package '{package}'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageMatchesFolder_OtherVersion_IsReported()
    {
        var file = ProtoFiles.ValidOrders();
        file.Package = "cx.test.v2";

        var problem = Assert.Single(ContractConventions.PackageMatchesFolder(file));

        Assert.Contains("package 'cx.test.v2' must equal its folder 'cx/test/v1/'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CsharpNamespace_Missing_IsReportedWithTheExpectedValue()
    {
        var file = ProtoFiles.ValidOrders();
        file.Options = null;

        var problem = Assert.Single(ContractConventions.CsharpNamespaceIsPascalCasedPackage(file));

        Assert.Contains("option csharp_namespace = \"Cx.Test.V1\";", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CsharpNamespace_NotPascalCasedPackage_IsReported()
    {
        var file = ProtoFiles.ValidOrders();
        file.Options.CsharpNamespace = "Cx.Test";

        var problem = Assert.Single(ContractConventions.CsharpNamespaceIsPascalCasedPackage(file));

        Assert.Contains("is 'Cx.Test' but must be", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cx.platform.v1", "Cx.Platform.V1")]
    [InlineData("cx.customer_journey.v2", "Cx.CustomerJourney.V2")]
    public void ExpectedCsharpNamespace_OfPackage_IsPascalCase(string package, string expected) =>
        Assert.Equal(expected, ContractConventions.ExpectedCsharpNamespace(package));

    [Fact]
    public void RpcsHaveHttpRules_RpcWithoutRule_IsReported()
    {
        var file = ProtoFiles.ValidOrders();
        file.Service[0].Method.Add(ProtoFiles.Rpc("CancelOrder", ".cx.test.v1.GetOrderRequest", ".cx.test.v1.Order", http: null));

        var problem = Assert.Single(ContractConventions.RpcsHaveHttpRules(file));

        Assert.Contains("rpc OrderService.CancelOrder has no google.api.http rule", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RpcsHaveHttpRules_ClientStreamingRpcWithoutRule_IsNotReported()
    {
        var file = ProtoFiles.ValidOrders();
        var streaming = ProtoFiles.Rpc("ImportOrders", ".cx.test.v1.Order", ".cx.test.v1.Order", http: null);
        streaming.ClientStreaming = true;
        file.Service[0].Method.Add(streaming);

        Assert.Empty(ContractConventions.RpcsHaveHttpRules(file));
    }

    [Fact]
    public void RpcsDeclareAccess_RpcWithoutAccess_IsReported()
    {
        var file = ProtoFiles.ValidOrders();
        file.Service[0].Method.Add(ProtoFiles.Rpc("CancelOrder", ".cx.test.v1.GetOrderRequest", ".cx.test.v1.Order", new HttpRule { Post = "/api/test/v1/orders:cancel" }, Cx.Api.V1.Access.Unspecified));

        var problem = Assert.Single(ContractConventions.RpcsDeclareAccess(file));

        Assert.Contains("rpc OrderService.CancelOrder declares no access", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void RpcsHaveHttpRules_RuleWithoutPath_IsReported()
    {
        var file = ProtoFiles.ValidOrders();
        file.Service[0].Method.Add(ProtoFiles.Rpc("CancelOrder", ".cx.test.v1.GetOrderRequest", ".cx.test.v1.Order", new HttpRule { Body = "*" }));

        var problem = Assert.Single(ContractConventions.RpcsHaveHttpRules(file));

        Assert.Contains("rpc OrderService.CancelOrder has a google.api.http rule without a verb and path", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/orders")]
    [InlineData("/api/other/v1/orders")]
    [InlineData("/api/test/v2/orders")]
    [InlineData("/api/test/v1/")]
    public void HttpPaths_OutsideThePackagePrefix_AreReported(string path)
    {
        var file = ProtoFiles.ValidOrders();
        file.Service[0].Method.Add(ProtoFiles.Rpc("CancelOrder", ".cx.test.v1.GetOrderRequest", ".cx.test.v1.Order", new HttpRule { Post = path, Body = "*" }));

        var problem = Assert.Single(ContractConventions.HttpPathsStartWithDisciplineAndVersion(file));

        Assert.Contains($"rpc OrderService.CancelOrder maps to REST path '{path}', which must start with '/api/test/v1/'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpPaths_AdditionalBindingOutsideThePrefix_IsReported()
    {
        var file = ProtoFiles.ValidOrders();
        var rule = new HttpRule { Get = "/api/test/v1/orders/{order_id}", AdditionalBindings = { new HttpRule { Get = "/v1/orders/{order_id}" } } };
        file.Service[0].Method.Add(ProtoFiles.Rpc("FindOrder", ".cx.test.v1.GetOrderRequest", ".cx.test.v1.Order", rule));

        var problem = Assert.Single(ContractConventions.HttpPathsStartWithDisciplineAndVersion(file));

        Assert.Contains("'/v1/orders/{order_id}'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Orders")]
    [InlineData("OrderApi")]
    [InlineData("Service")]
    public void ServicesEndWithService_OtherName_IsReported(string name)
    {
        var file = ProtoFiles.ValidOrders();
        file.Service[0].Name = name;

        var problem = Assert.Single(ContractConventions.ServicesEndWithService(file));

        Assert.Contains($"service '{name}' must be named <Something>Service", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orderId")]
    [InlineData("OrderId")]
    [InlineData("order__id")]
    [InlineData("order_id_")]
    [InlineData("_order_id")]
    public void FieldNames_NotLowerSnakeCase_AreReported(string name)
    {
        var file = ProtoFiles.ValidOrders();
        file.MessageType[0].NestedType[0].Field.Add(ProtoFiles.Scalar(2, name, FieldDescriptorProto.Types.Type.String));

        var problem = Assert.Single(ContractConventions.FieldNamesAreLowerSnakeCase(file));

        Assert.Contains($"field cx.test.v1.Order.Line.{name} (number 2) must be lower_snake_case", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UNSPECIFIED", 0)]
    [InlineData("ORDER_STATE_UNKNOWN", 0)]
    [InlineData("ORDER_STATE_UNSPECIFIED", 1)]
    [InlineData("STATE_UNSPECIFIED", 0)]
    public void Enums_FirstValueNotUnspecifiedZero_IsReported(string firstName, int firstNumber)
    {
        var file = ProtoFiles.ValidOrders();
        file.EnumType[0].Value[0].Name = firstName;
        file.EnumType[0].Value[0].Number = firstNumber;

        var problem = Assert.Single(ContractConventions.EnumsStartWithUnspecifiedZero(file));

        Assert.Contains($"enum cx.test.v1.OrderState starts with '{firstName} = {firstNumber}', but its first value must be 'ORDER_STATE_UNSPECIFIED = 0;'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Enums_NestedEnumWithWrongFirstValue_IsReported()
    {
        var file = ProtoFiles.ValidOrders();
        file.MessageType[0].EnumType[0].Value[0].Name = "RETAIL";

        var problem = Assert.Single(ContractConventions.EnumsStartWithUnspecifiedZero(file));

        Assert.Contains("enum cx.test.v1.Order.Kind", problem, StringComparison.Ordinal);
    }

    /// <summary>A complete example of cx.events.v1.CaseClosed, made up for these tests.</summary>
    private const string CaseClosedExample =
        """
        {"caseId": "c-1", "customerId": "customer-1", "journeyId": "online-purchase", "journeyStepId": "delivery", "recovered": false,
         "rootCauseCategory": "late-delivery", "contactChannel": "email", "contactLanguage": "en", "closedAt": "2026-11-25T14:05:09Z", "owner": "li.wei", "slaBreached": false}
        """;

    [Fact]
    public void EventExample_Complete_ReportsNothing() =>
        Assert.Empty(ContractConventions.ExampleProblems(CaseClosed.Descriptor, CaseClosedExample));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void EventExample_Missing_IsReported(string? example)
    {
        var problem = Assert.Single(ContractConventions.ExampleProblems(CaseClosed.Descriptor, example));

        Assert.Contains("cx/events/v1/governance_events.proto: event cx.events.v1.CaseClosed declares no example payload; add 'option (cx.events.v1.example)", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"caseId\": ", "it is not valid JSON")]
    [InlineData("[]", "its top level is a JSON array")]
    [InlineData("\"c-1\"", "its top level is a JSON string")]
    public void EventExample_NotAJsonObject_IsReported(string example, string expected)
    {
        var problem = Assert.Single(ContractConventions.ExampleProblems(CaseClosed.Descriptor, example));

        Assert.Contains("event cx.events.v1.CaseClosed has an example that is not a JSON object: " + expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"recovered\": false", "\"recovered\": false, \"reopened\": true")]
    [InlineData("\"recovered\": false", "\"recovered\": \"yes\"")]
    [InlineData("\"closedAt\": \"2026-11-25T14:05:09Z\"", "\"closedAt\": \"yesterday\"")]
    public void EventExample_NotParsingIntoTheEvent_IsReported(string part, string replacement)
    {
        var problem = Assert.Single(ContractConventions.ExampleProblems(CaseClosed.Descriptor, CaseClosedExample.Replace(part, replacement, StringComparison.Ordinal)));

        Assert.Contains("event cx.events.v1.CaseClosed has an example that does not parse into it as proto3 JSON", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EventExample_FieldLeftOut_IsReported()
    {
        var example = CaseClosedExample.Replace("\"recovered\": false,", string.Empty, StringComparison.Ordinal);

        var problem = Assert.Single(ContractConventions.ExampleProblems(CaseClosed.Descriptor, example));

        Assert.Contains("event cx.events.v1.CaseClosed has an example that does not name recovered; name every field", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EventExample_FieldUnderItsProtoName_IsReported()
    {
        // The JSON parser accepts proto names, but events are formatted with lowerCamelCase names.
        var example = CaseClosedExample.Replace("\"closedAt\"", "\"closed_at\"", StringComparison.Ordinal);

        var problem = Assert.Single(ContractConventions.ExampleProblems(CaseClosed.Descriptor, example));

        Assert.Contains("does not name closedAt;", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EventExample_Oneof_NeedsOneOfItsFields()
    {
        // google.api.HttpRule has a oneof (pattern: get, put, post, ...): one of them is named, not all.
        const string Rest = "\"selector\": \"\", \"body\": \"*\", \"responseBody\": \"\", \"additionalBindings\": []";

        Assert.Empty(ContractConventions.ExampleProblems(HttpRule.Descriptor, "{\"post\": \"/api/test/v1/orders\", " + Rest + "}"));
        var problem = Assert.Single(ContractConventions.ExampleProblems(HttpRule.Descriptor, "{" + Rest + "}"));
        Assert.Contains("does not name one of get | put | post | delete | patch | custom;", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EventsOf_File_FindsTheMessagesDeclaringAnEventType()
    {
        Assert.Contains(CaseClosed.Descriptor, ContractConventions.EventsOf(CaseClosed.Descriptor.File));
        Assert.Empty(ContractConventions.EventsOf(Cx.Governance.V1.Case.Descriptor.File));
    }

    [Theory]
    [InlineData("OrderState", "ORDER_STATE")]
    [InlineData("Kind", "KIND")]
    [InlineData("HTTPMethod", "HTTP_METHOD")]
    [InlineData("Http2Mode", "HTTP2_MODE")]
    [InlineData("ScoreV2Band", "SCORE_V2_BAND")]
    public void ToUpperSnakeCase_PascalCaseName_SplitsWords(string name, string expected) =>
        Assert.Equal(expected, ContractConventions.ToUpperSnakeCase(name));
}
