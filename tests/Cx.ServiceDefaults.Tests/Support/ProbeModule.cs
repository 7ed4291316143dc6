using Cx.Domain.Errors;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Health;
using Cx.ServiceDefaults.Tenancy;
using Cx.Testing.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cx.ServiceDefaults.Tests.Support;

/// <summary>A dependency whose health a test switches, to see readiness follow it.</summary>
public sealed class SwitchableDependency
{
    public bool Healthy { get; set; } = true;
}

/// <summary>Holds calls of the Hold method until a test opens it.</summary>
public sealed class CallGate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public sealed class ProbeModule(SwitchableDependency dependency, CallGate gate) : ICxServiceModule
{
    /// <summary>Text an unexpected failure carries; it must never reach a caller.</summary>
    public const string Secret = "connection string Password=hunter2 at Probe.cs:42";

    public string Name => "probe";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(dependency);
        services.AddSingleton(gate);
        services.AddHealthChecks().AddCheck(
            "dependency",
            () => dependency.Healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("switched off"),
            tags: [HealthTags.Ready]);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<ProbeApi>();
}

public sealed class ProbeApi(ITenantContext tenant, ActorContext actor, CallGate gate) : ProbeService.ProbeServiceBase
{
    public override async Task<EchoResponse> Hold(EchoRequest request, ServerCallContext context)
    {
        gate.Entered.TrySetResult();
        await gate.Open.Task.WaitAsync(context.CancellationToken);
        return new EchoResponse { Text = request.Text, Tenant = tenant.TenantId };
    }

    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Text = request.Text, Tenant = tenant.TenantId, Actor = actor.Actor });

    public override Task<FailResponse> Fail(FailRequest request, ServerCallContext context) => request.Kind switch
    {
        "validation" => throw new ValidationFailedException([new FieldViolation("kind", "bad kind"), new FieldViolation("other.field", "also bad")]),
        "not_found" => throw new NotFoundException("survey", "s-1"),
        "already_exists" => throw new AlreadyExistsException("survey", "s-1"),
        "precondition" => throw new PreconditionFailedException("STATE_TRANSITION", "case/c-9", "A closed case cannot move to in progress."),
        "preconditions" => throw new PreconditionFailedException("2 standards are not met.", [.. Enumerable.Range(1, 30).Select(i => new Precondition("STANDARD_NOT_MET", $"standard/s-{i}", $"Standard s-{i} is not met."))]),
        "permission" => throw new PermissionDeniedException("measurement.write", "Writing responses needs measurement.write."),
        "conflict" => throw new ConcurrencyConflictException("case", "c-9", 7),
        "rpc" => throw new RpcException(new Status(StatusCode.Unavailable, "try later")),
        _ => throw new InvalidOperationException(ProbeModule.Secret),
    };

    public override async Task Repeat(EchoRequest request, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        for (var i = 0; i < request.Count; i++)
        {
            await responseStream.WriteAsync(new EchoResponse { Text = request.Text, Tenant = tenant.TenantId }, context.CancellationToken);
        }
    }

    public override Task<EchoResponse> Find(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Text = $"{request.Text} {request.Count} {request.Loud} {request.Tags.Count} {request.At}", Tenant = tenant.TenantId });

    public override Task<EchoResponse> Annotate(AnnotateRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Text = request.ItemId + ": " + request.Note?.Name, Tenant = tenant.TenantId });

    public override async Task<EchoResponse> Concatenate(IAsyncStreamReader<EchoRequest> requestStream, ServerCallContext context)
    {
        var parts = new List<string>();
        await foreach (var item in requestStream.ReadAllAsync(context.CancellationToken))
        {
            new Validator().Require(item.Text.Length > 0, "text", "Every part needs text.").ThrowIfInvalid();
            parts.Add(item.Text);
        }

        return new EchoResponse { Text = string.Concat(parts), Tenant = tenant.TenantId };
    }
}
