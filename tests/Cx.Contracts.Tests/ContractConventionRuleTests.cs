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
    };

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

    [Theory]
    [InlineData("OrderState", "ORDER_STATE")]
    [InlineData("Kind", "KIND")]
    [InlineData("HTTPMethod", "HTTP_METHOD")]
    [InlineData("Http2Mode", "HTTP2_MODE")]
    [InlineData("ScoreV2Band", "SCORE_V2_BAND")]
    public void ToUpperSnakeCase_PascalCaseName_SplitsWords(string name, string expected) =>
        Assert.Equal(expected, ContractConventions.ToUpperSnakeCase(name));
}
