using System.Diagnostics;
using System.Globalization;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;

namespace Cx.ServiceDefaults.Telemetry;

/// <summary>
/// A gRPC call's server span as the OpenTelemetry RPC conventions describe it: named
/// <c>package.Service/Method</c>, with <c>rpc.system</c>, <c>rpc.service</c>, <c>rpc.method</c> and
/// <c>rpc.grpc.status_code</c> as an integer. ASP.NET Core's own span knows only HTTP; gRPC's
/// server library leaves its status on the span as text.
/// </summary>
internal static class GrpcSpans
{
    public static void Describe(Activity span, HttpContext context)
    {
        var contentType = context.Request.ContentType;
        if (contentType is null || !contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase)
            || context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not { } grpc)
        {
            return;
        }

        span.DisplayName = grpc.Method.ServiceName + "/" + grpc.Method.Name;
        span.SetTag("rpc.system", "grpc");
        span.SetTag("rpc.service", grpc.Method.ServiceName);
        span.SetTag("rpc.method", grpc.Method.Name);
        if (StatusOf(span, context) is { } status)
        {
            span.SetTag("rpc.grpc.status_code", status);
        }
    }

    private static int? StatusOf(Activity span, HttpContext context)
    {
        var text = span.GetTagItem("grpc.status_code") as string;
        if (text is null && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseTrailersFeature>()?.Trailers is { } trailers)
        {
            text = trailers["grpc-status"].ToString();
        }

        if (string.IsNullOrEmpty(text) && context.Response.Headers.TryGetValue("grpc-status", out var header))
        {
            text = header.ToString();
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : null;
    }
}
