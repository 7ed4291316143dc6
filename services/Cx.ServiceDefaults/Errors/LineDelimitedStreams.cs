using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;

namespace Cx.ServiceDefaults.Errors;

/// <summary>
/// A server stream over REST is written by transcoding as one JSON message per line, but labelled
/// <c>application/json</c>, which clients read as one document and fail on the second line. It is
/// labelled for what it is, <c>application/x-ndjson</c>; a refusal before the stream starts keeps
/// its JSON status body and label.
/// </summary>
internal static class LineDelimitedStreams
{
    public const string ContentType = "application/x-ndjson; charset=utf-8";

    public static Task LabelAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is { MethodDescriptor.IsServerStreaming: true })
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    context.Response.ContentType = ContentType;
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}
