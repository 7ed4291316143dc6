using Cx.Api.V1;

namespace Cx.Gateway.Routing;

/// <summary>
/// One call of the contract as the gateway routes and guards it: where it goes (its discipline),
/// what it needs (its access level), and the two ways to reach it (the gRPC path and its REST route).
/// </summary>
internal sealed record ApiMethod(
    string Discipline,
    string ServiceFullName,
    string MethodName,
    Access Access,
    bool IsStreaming,
    string? HttpVerb,
    string? HttpRoute)
{
    /// <summary>The gRPC (and gRPC-Web) path, e.g. <c>/cx.measurement.v1.MeasurementService/RecordResponse</c>.</summary>
    public string GrpcPath => "/" + ServiceFullName + "/" + MethodName;

    /// <summary>The permission a caller must hold, e.g. <c>measurement:write</c>.</summary>
    public string Permission => Permissions.Of(Discipline, Access);

    /// <summary>A route name that says what the route is for, e.g. <c>measurement.record-response</c>.</summary>
    public string RouteName => Discipline + "." + KebabCase(MethodName);

    private static string KebabCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
