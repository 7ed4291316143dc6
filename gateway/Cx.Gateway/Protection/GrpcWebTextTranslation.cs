using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Cx.Gateway.Protection;

/// <summary>
/// Turns a gRPC-Web text call (<c>application/grpc-web-text</c>, base64, the default of grpc-web's
/// JS client) into a binary gRPC-Web one for the translation after it, and its answer back into
/// text: the request body is decoded as the proxy reads it (<see cref="Base64RequestBody"/>), the
/// response body encoded as it is written (<see cref="Base64ResponseBody"/>) and answered as
/// <c>application/grpc-web-text</c>. A caller asking (Accept) for a text answer to a binary request
/// gets one too. Neither body is held whole.
/// </summary>
/// <remarks>
/// A request body that is not base64 stops the proxy's copy at the first bad read (a read is checked
/// whole before any of it is passed on), and the call is answered INTERNAL, the status gRPC gives a
/// request it cannot read, with a message naming what is wrong. The service never gets the end of
/// that request, so it never handles it: a gRPC server runs a unary or server-streaming method only
/// once its request has ended cleanly. An answer already under way (a service answering before the
/// request ended) is left as it is.
/// </remarks>
internal sealed class GrpcWebTextTranslation(RequestDelegate next)
{
    private const string Binary = "application/grpc-web";
    private const string Text = "application/grpc-web-text";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            await next(context);
            return;
        }

        var textRequest = FormatOf(request.ContentType) == GrpcWebFormat.Text;
        var accepted = AcceptedFormat(request.Headers.Accept);
        var textResponse = accepted == GrpcWebFormat.Text || (textRequest && accepted == GrpcWebFormat.None);
        if (!textRequest && !textResponse)
        {
            await next(context);
            return;
        }

        var suffix = SuffixOf(request.ContentType);
        var binaryContentType = Binary + suffix;
        var originalBody = request.Body;
        var originalResponseBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        Base64RequestBody? decoded = null;
        Base64ResponseBody? encoded = null;
        if (textRequest)
        {
            decoded = new Base64RequestBody(originalBody, request.ContentLength);
            request.Body = decoded;
            request.ContentLength = null;
            request.ContentType = binaryContentType;
        }

        // The binary translation answers binary; the answer is encoded here.
        request.Headers.Accept = Binary;
        if (textResponse)
        {
            var response = context.Response;
            encoded = new Base64ResponseBody(originalResponseBody, () => CallerErrors.IsGrpcContentType(response.ContentType));
            context.Features.Set<IHttpResponseBodyFeature>(encoded);
            response.OnStarting(() =>
            {
                if (CallerErrors.IsGrpcContentType(response.ContentType))
                {
                    response.ContentType = Text + suffix;
                }

                return Task.CompletedTask;
            });
        }

        try
        {
            await next(context);
            if (decoded?.Problem is { } problem && !context.Response.HasStarted)
            {
                // The proxy stopped at the bad read and left an error status (not yet sent): answer as gRPC.
                context.Response.Clear();
                request.ContentType = binaryContentType;
                await CallerErrors.WriteAsync(context, StatusCode.Internal, StatusCodes.Status400BadRequest, problem);
            }

            if (encoded is not null)
            {
                await encoded.FinishAsync(context.RequestAborted);
            }
        }
        finally
        {
            request.Body = originalBody;
            context.Features.Set(originalResponseBody);
        }
    }

    private enum GrpcWebFormat
    {
        None,
        Binary,
        Text,
    }

    /// <summary>The gRPC-Web format a media type names: <c>application/grpc-web-text</c> or <c>application/grpc-web</c>, each alone or followed by <c>+format</c> or parameters.</summary>
    private static GrpcWebFormat FormatOf(ReadOnlySpan<char> mediaType)
    {
        mediaType = mediaType.Trim();
        return Names(mediaType, Text) ? GrpcWebFormat.Text
            : Names(mediaType, Binary) ? GrpcWebFormat.Binary
            : GrpcWebFormat.None;

        static bool Names(ReadOnlySpan<char> mediaType, string name) =>
            mediaType.StartsWith(name, StringComparison.OrdinalIgnoreCase)
            && (mediaType.Length == name.Length || mediaType[name.Length] is '+' or ';' or ' ');
    }

    /// <summary>The gRPC-Web format an Accept header asks for; text wins if it names both.</summary>
    private static GrpcWebFormat AcceptedFormat(StringValues accept)
    {
        var format = GrpcWebFormat.None;
        foreach (var value in accept)
        {
            foreach (var range in (value ?? string.Empty).Split(','))
            {
                var named = FormatOf(range);
                if (named > format)
                {
                    format = named;
                }
            }
        }

        return format;
    }

    /// <summary>The <c>+format</c> after a gRPC-Web media type (e.g. <c>+proto</c>), kept on the translated content types.</summary>
    private static string SuffixOf(string? contentType)
    {
        var mediaType = contentType.AsSpan().Trim();
        var name = FormatOf(mediaType) switch
        {
            GrpcWebFormat.Text => Text,
            GrpcWebFormat.Binary => Binary,
            _ => null,
        };
        if (name is null)
        {
            return string.Empty;
        }

        var rest = mediaType[name.Length..];
        var parameters = rest.IndexOf(';');
        rest = (parameters >= 0 ? rest[..parameters] : rest).Trim();
        return rest.StartsWith('+') ? rest.ToString() : string.Empty;
    }
}
