using Grpc.Core;

namespace Cx.Understanding.Tests;

/// <summary>What every test here calls with: a fresh tenant, the caller's signed identity, the refusal's details (Refusals).</summary>
internal static class Calls
{
    public static string NewTenant() => Refusals.NewTenant();

    public static Metadata As(string tenant, string actor = "maria") => TestIdentity.For("understanding", tenant, actor);

    public static Task<RpcException> Refused(Func<Task> call) => Refusals.Refused(call);

    public static List<(string Field, string Description)> Violations(RpcException error) => Refusals.Violations(error);

    public static Google.Rpc.ResourceInfo Resource(RpcException error) => Refusals.Resource(error);
}
