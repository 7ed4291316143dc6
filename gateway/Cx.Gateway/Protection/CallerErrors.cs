using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Cx.Gateway.Protection;

/// <summary>
/// Refusals the gateway makes itself, in the form each kind of caller understands: a gRPC (or
/// gRPC-Web) caller gets a trailers-only response with its status code; a REST caller gets the HTTP
/// status and the same JSON body the services' transcoded errors have (google.rpc.Status).
/// </summary>
internal static class CallerErrors
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

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
