using Google.Rpc;
using Grpc.Core;

namespace Cx.Testing.Hosting;

/// <summary>What a refused call says: its status, the fields it names, the resource it is about; and a tenant of the test's own.</summary>
public static class Refusals
{
    public static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<RpcException> Refused(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    public static List<(string Field, string Description)> Violations(RpcException error) =>
        error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => (v.Field, v.Description)).ToList();

    public static ResourceInfo Resource(RpcException error) => error.GetRpcStatus()!.GetDetail<ResourceInfo>()!;

    public static PreconditionFailure.Types.Violation Precondition(RpcException error) => error.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations.Single();
}
