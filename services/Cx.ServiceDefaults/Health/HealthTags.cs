namespace Cx.ServiceDefaults.Health;

/// <summary>
/// Tags that sort health checks into the two probes. A dependency a service adds
/// (its database, its broker) is tagged <see cref="Ready"/>; nothing but the process is <see cref="Live"/>,
/// so a failing dependency takes a pod out of rotation without restarting it.
/// </summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";

    /// <summary>grpc.health.v1 service name answering liveness; "" and every gRPC service name answer readiness.</summary>
    public const string LivenessServiceName = "liveness";
}
