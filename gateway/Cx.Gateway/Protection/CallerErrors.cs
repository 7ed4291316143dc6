using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Cx.Gateway.Protection;

/// <summary>
/// Refusals the gateway makes itself, in the form each kind of caller understands: a gRPC (or
/// gRPC-Web) caller gets a trailers-only response with its status code; a REST caller gets the HTTP
/// status and the same JSON body the services' transcoded errors have (google.rpc.Status).
/// </summary>
/// <remarks>
/// A gRPC answer takes the request's content type as the gateway's layers see it: a gRPC-Web call
/// has been translated to <c>application/grpc</c> by then, and the translations label the answer
/// back on its way out (<c>application/grpc-web</c>, or <c>application/grpc-web-text</c> for a text
/// caller). The status travels in the headers, with no body, so a text caller reads it as is.
/// </remarks>
internal static class CallerErrors
{
    public static bool IsGrpc(HttpRequest request) => IsGrpcContentType(request.ContentType);

    /// <summary>gRPC and both gRPC-Web formats (<c>application/grpc</c>, <c>application/grpc-web</c>, <c>application/grpc-web-text</c>, with any suffix).</summary>
    public static bool IsGrpcContentType(string? contentType) =>
        contentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static Task WriteAsync(HttpContext context, StatusCode code, int httpStatus, string message, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (IsGrpc(context.Request))
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = context.Request.ContentType;
            response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString(message);
            return Task.CompletedTask;
        }

        response.StatusCode = httpStatus;
        if (httpStatus == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(new { code = (int)code, message, details = Array.Empty<object>() }));
    }
}
