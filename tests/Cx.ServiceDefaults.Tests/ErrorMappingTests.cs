using Cx.ServiceDefaults.Errors;
using Cx.ServiceDefaults.Tests.Support;
using Cx.Testing.V1;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Cx.ServiceDefaults.Tests;

public sealed class ErrorMappingTests(ProbeHost host) : IClassFixture<ProbeHost>
{
    private async Task<RpcException> FailAsync(string kind) =>
        await Assert.ThrowsAsync<RpcException>(async () =>
            await host.Probe.FailAsync(new FailRequest { Kind = kind }, ProbeHost.Tenant()));

    [Fact]
    public async Task Fail_Validation_IsInvalidArgumentWithEveryFieldViolation()
    {
        var error = await FailAsync("validation");

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var status = error.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)Code.InvalidArgument, status.Code);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal(
            [("kind", "bad kind"), ("other.field", "also bad")],
            badRequest.FieldViolations.Select(v => (v.Field, v.Description)).ToArray());
    }

    [Fact]
    public async Task Fail_NotFound_IsNotFoundWithResourceInfo()
    {
        var error = await FailAsync("not_found");

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var resource = error.GetRpcStatus()!.GetDetail<ResourceInfo>();
        Assert.Equal(("survey", "s-1"), (resource!.ResourceType, resource.ResourceName));
        Assert.Equal("No survey named 's-1' was found.", error.Status.Detail);
    }

    /// <summary>A 70 KB id echoed whole in grpc-message became a 502 at the gateway: a refused value is echoed in part only.</summary>
    [Fact]
    public void NotFound_HugeName_IsEchoedInPartOnly_WithItsLength()
    {
        var huge = new string('x', 69_999) + "\U0001F600";

        var error = Cx.ServiceDefaults.Errors.RpcErrorMapper.FromDomain(new Cx.Domain.Errors.NotFoundException("survey", huge))!;

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.InRange(error.Status.Detail.Length, 1, Cx.ServiceDefaults.Errors.RpcErrorMapper.MaxMessageCharacters);
        var message = $"No survey named '{huge}' was found.";
        Assert.Equal(message[..960] + "… (" + message.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " characters in all)", error.Status.Detail);
        var resource = error.GetRpcStatus()!.GetDetail<ResourceInfo>()!;
        Assert.Equal(new string('x', 160) + "… (70,001 characters in all)", resource.ResourceName);
    }

    [Fact]
    public void Bounded_NeverCutsASurrogatePairInHalf()
    {
        var text = new string('x', 159) + "\U0001F600" + new string('y', 100);

        var bounded = Cx.ServiceDefaults.Errors.RpcErrorMapper.Bounded(text, 200);

        Assert.Equal(new string('x', 159) + "… (261 characters in all)", bounded);
    }

    [Fact]
    public async Task Fail_AlreadyExists_IsAlreadyExistsWithResourceInfo()
    {
        var error = await FailAsync("already_exists");

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("s-1", error.GetRpcStatus()!.GetDetail<ResourceInfo>()!.ResourceName);
    }

    [Fact]
    public async Task Fail_Precondition_IsFailedPreconditionWithViolation()
    {
        var error = await FailAsync("precondition");

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations);
        Assert.Equal(("STATE_TRANSITION", "case/c-9"), (violation.Type, violation.Subject));
    }

    [Fact]
    public async Task Fail_SeveralPreconditions_ListsEach_UpToTheBound()
    {
        var error = await FailAsync("preconditions");

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var violations = error.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations;
        Assert.Equal(Enumerable.Range(1, RpcErrorMapper.MaxViolations).Select(i => ("STANDARD_NOT_MET", $"standard/s-{i}", $"Standard s-{i} is not met.")), violations.Select(v => (v.Type, v.Subject, v.Description)));
    }

    [Fact]
    public async Task Fail_Permission_IsPermissionDeniedNamingThePermission()
    {
        var error = await FailAsync("permission");

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("measurement.write", error.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["permission"]);
    }

    [Fact]
    public async Task Fail_ConcurrencyConflict_IsAbortedWithTheCurrentVersion()
    {
        var error = await FailAsync("conflict");

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>()!;
        Assert.Equal(("CONCURRENCY_CONFLICT", "7", "c-9"), (info.Reason, info.Metadata["current_version"], info.Metadata["resource_name"]));
    }

    [Fact]
    public async Task Fail_RpcExceptionThrownByService_PassesUnchanged()
    {
        var error = await FailAsync("rpc");

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("try later", error.Status.Detail);
    }

    [Fact]
    public async Task Fail_Unexpected_IsInternalWithoutInternalsAndLoggedWithTraceId()
    {
        var error = await FailAsync("unexpected");

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("hunter2", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", string.Join(";", error.Trailers.Select(t => t.IsBinary ? Convert.ToBase64String(t.ValueBytes) : t.Value)), StringComparison.Ordinal);
        var traceId = error.GetRpcStatus()!.GetDetail<RequestInfo>()!.RequestId;
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.Contains(traceId, error.Status.Detail, StringComparison.Ordinal);

        var logged = host.Logs.Entries.Where(e => e.Level == LogLevel.Error && e.Message.Contains(traceId, StringComparison.Ordinal)).ToArray();
        var entry = Assert.Single(logged);
        Assert.Equal(ProbeModule.Secret, entry.Exception?.Message);

        // The reference handed to the caller is the trace the server recorded.
        Assert.Contains(host.Spans, s => s.TraceId.ToHexString() == traceId);
    }

    [Fact]
    public async Task Concatenate_InvalidItemInClientStream_IsInvalidArgument()
    {
        using var call = host.Probe.Concatenate(ProbeHost.Tenant());
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "a" });
        await call.RequestStream.WriteAsync(new EchoRequest { Text = string.Empty });
        await call.RequestStream.CompleteAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("text", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
    }

    [Fact]
    public async Task Concatenate_ValidStream_JoinsParts()
    {
        using var call = host.Probe.Concatenate(ProbeHost.Tenant("t-2"));
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "ab" });
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "cd" });
        await call.RequestStream.CompleteAsync();

        var response = await call.ResponseAsync;

        Assert.Equal(("abcd", "t-2"), (response.Text, response.Tenant));
    }
}
