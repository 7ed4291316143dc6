namespace Cx.Host.Platform;

/// <summary>A service of this deployment as callers reach it.</summary>
public sealed record RunningService(string Name, string GrpcAddress, Uri HttpUrl, IReadOnlyList<string> GrpcServices);
