using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Builder;

namespace Cx.Gateway.Protection;

/// <summary>
/// gRPC-Web for browser portals, translated at the gateway so services only ever see gRPC. Both
/// formats are served: binary (<c>application/grpc-web</c>, grpc-web's <c>format: 'binary'</c>) and
/// text (<c>application/grpc-web-text</c>, base64, grpc-web's default <c>format: 'text'</c>).
/// </summary>
/// <remarks>
/// Grpc.AspNetCore.Web translates binary gRPC-Web. Its own text decoder is not used, because it does
/// not fit how the proxy reads a request: it replaces only the request's body reader
/// (<c>HttpRequest.BodyReader</c>), while the proxy copies the body stream (<c>HttpRequest.Body</c>),
/// so the base64 went to services undecoded, under the original Content-Length. Bridging the stream
/// to that reader fails too: the decoder expects the gRPC server's way of reading. The proxy's copy
/// starts with a zero-byte read, after which the decoder takes the buffered text as already decoded
/// and fails the next read; reads that end between groups of three bytes are refused outright.
/// <see cref="GrpcWebTextTranslation"/>
/// therefore runs first and turns a text call into a binary one, decoding the body stream the proxy
/// reads and encoding the answer.
/// </remarks>
internal static class GrpcWebForProxiedCalls
{
    public static IApplicationBuilder UseGrpcWebForProxiedCalls(this IApplicationBuilder app)
    {
        app.UseMiddleware<GrpcWebTextTranslation>();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        return app;
    }
}
