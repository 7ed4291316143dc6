using Grpc.AspNetCore.Web;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Cx.Gateway.Protection;

/// <summary>
/// gRPC-Web for browser portals, translated at the gateway so services only ever see gRPC. Binary
/// gRPC-Web (<c>application/grpc-web</c>, grpc-web's <c>format: 'binary'</c>) is served. Text mode
/// (base64) is refused with a clear status: its decoder is not compatible with how the proxy reads
/// request bodies, and a half-decoded call must never reach a service.
/// </summary>
internal static class GrpcWebForProxiedCalls
{
    public static IApplicationBuilder UseGrpcWebForProxiedCalls(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
            context.Request.ContentType?.StartsWith("application/grpc-web-text", StringComparison.OrdinalIgnoreCase) == true
                ? CallerErrors.WriteAsync(context, StatusCode.Unimplemented, StatusCodes.Status415UnsupportedMediaType, "gRPC-Web text mode is not supported: use binary mode (application/grpc-web).")
                : next(context));
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        return app;
    }
}
