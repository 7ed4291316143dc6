using Google.Rpc;
using Grpc.Core;

namespace Cx.Understanding.Tests;

/// <summary>What every test here calls with: a fresh tenant, the caller's signed identity, the refusal's details.</summary>
internal static class Calls
{
    public static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static Metadata As(string tenant, string actor = "maria") => TestIdentity.For("understanding", tenant, actor);

    public static async Task<RpcException> Refused(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    public static List<(string Field, string Description)> Violations(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => (v.Field, v.Description)).ToList();

    public static ResourceInfo Resource(RpcException error) => error.GetRpcStatus()!.GetDetail<ResourceInfo>()!;
}
