using System.Globalization;
using Cx.ServiceDefaults.Errors;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ErrorInfo = Google.Rpc.ErrorInfo;
using RetryInfo = Google.Rpc.RetryInfo;
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

    /// <summary>
    /// Refuses the call with <paramref name="code"/> and the standard details a client library
    /// reads: <c>ErrorInfo</c> (why, in a word a program can switch on) and, when the caller should
    /// come back later, <c>RetryInfo</c> (and <c>Retry-After</c>).
    /// </summary>
    public static Task WriteAsync(HttpContext context, StatusCode code, int httpStatus, string message, TimeSpan? retryAfter = null, ErrorInfo? why = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (why is not null)
        {
            why.Domain = RpcErrorMapper.ErrorDomain;
            status.Details.Add(Any.Pack(why));
        }

        if (retryAfter is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)) }));
        }

        if (IsGrpc(context.Request))
        {
            // Trailers-only: the status travels in the headers, with no body.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = context.Request.ContentType;
            response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = GrpcMessage.Encode(message);
            response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray()).TrimEnd('=');
            return Task.CompletedTask;
        }

        response.StatusCode = httpStatus;
        if (httpStatus == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        response.ContentType = "application/json";
        return response.WriteAsync(StatusJson.Format(status));
    }

    private static readonly JsonFormatter StatusJson = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithTypeRegistry(RpcErrorMapper.DetailTypes));
}

/// <summary>
/// <c>grpc-message</c> as the gRPC HTTP/2 protocol spells it: UTF-8, with only the bytes outside
/// printable ASCII and '%' itself percent-encoded, so a client shows "measurement:admin", not
/// "measurement%3Aadmin".
/// </summary>
internal static class GrpcMessage
{
    public static string Encode(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new System.Text.StringBuilder(message.Length);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
