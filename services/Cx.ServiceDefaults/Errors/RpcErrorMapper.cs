using Cx.Domain.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Status = Google.Rpc.Status;

namespace Cx.ServiceDefaults.Errors;

/// <summary>
/// Turns a domain failure into the gRPC status a caller can act on, with the standard
/// <c>google.rpc</c> details in <c>grpc-status-details-bin</c> (and so in the transcoded REST body).
/// </summary>
public static class RpcErrorMapper
{
    /// <summary>Error domain reported in <c>google.rpc.ErrorInfo</c>.</summary>
    public const string ErrorDomain = "cx.platform";

    /// <summary>Every detail type this mapper emits, so the REST transcoder can render them as JSON.</summary>
    public static Google.Protobuf.Reflection.TypeRegistry DetailTypes { get; } = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
        BadRequest.Descriptor, ResourceInfo.Descriptor, PreconditionFailure.Descriptor, ErrorInfo.Descriptor, RequestInfo.Descriptor, RetryInfo.Descriptor);

    /// <summary>
    /// The longest text of a caller's value a status carries back. A refused value is echoed in
    /// part only: a 70 KB id echoed whole in <c>grpc-message</c> overflows the header limits of the
    /// proxies on the way, and the caller sees a 502 instead of its mistake.
    /// </summary>
    public const int MaxEchoedCharacters = 200;

    /// <summary>The longest message or description a status carries.</summary>
    public const int MaxMessageCharacters = 1_000;

    /// <summary>The most precondition violations a status lists, so its trailer stays within what proxies pass.</summary>
    public const int MaxViolations = 20;

    /// <summary>The status for a domain failure; null when the exception is not one.</summary>
    public static RpcException? FromDomain(Exception exception) => exception switch
    {
        ValidationFailedException e => InvalidArgument(e.Message, e.Violations),
        NotFoundException e => Build(Code.NotFound, e.Message, new ResourceInfo
        {
            ResourceType = e.ResourceType,
            ResourceName = Bounded(e.ResourceName, MaxEchoedCharacters),
            Description = Bounded(e.Message, MaxMessageCharacters),
        }),
        AlreadyExistsException e => Build(Code.AlreadyExists, e.Message, new ResourceInfo
        {
            ResourceType = e.ResourceType,
            ResourceName = Bounded(e.ResourceName, MaxEchoedCharacters),
            Description = Bounded(e.Message, MaxMessageCharacters),
        }),
        PreconditionFailedException e => Build(Code.FailedPrecondition, e.Message, new PreconditionFailure
        {
            Violations =
            {
                e.Violations.Take(MaxViolations).Select(v => new PreconditionFailure.Types.Violation
                {
                    Type = v.Type, Subject = Bounded(v.Subject, MaxEchoedCharacters), Description = Bounded(v.Description, MaxMessageCharacters),
                }),
            },
        }),
        PermissionDeniedException e => Build(Code.PermissionDenied, e.Message, new ErrorInfo
        {
            Reason = "PERMISSION_DENIED",
            Domain = ErrorDomain,
            Metadata = { ["permission"] = e.Permission },
        }),
        ConcurrencyConflictException e => Build(Code.Aborted, e.Message, new ErrorInfo
        {
            Reason = "CONCURRENCY_CONFLICT",
            Domain = ErrorDomain,
            Metadata =
            {
                ["resource_type"] = e.ResourceType,
                ["resource_name"] = Bounded(e.ResourceName, MaxEchoedCharacters),
                ["current_version"] = e.CurrentVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "deleted",
            },
        }),
        _ => null,
    };

    /// <summary>INVALID_ARGUMENT with the violations (possibly none, when no field can be named) as <c>BadRequest</c>.</summary>
    public static RpcException InvalidArgument(string message, IEnumerable<FieldViolation> violations) => Build(Code.InvalidArgument, message, new BadRequest
    {
        FieldViolations =
        {
            violations.Select(v => new BadRequest.Types.FieldViolation { Field = Bounded(v.Field, MaxEchoedCharacters), Description = Bounded(v.Description, MaxMessageCharacters) }),
        },
    });

    /// <summary>
    /// What a caller sees of a fault that is ours: nothing of its internals, only a reference
    /// (the trace id) under which the full exception was logged.
    /// </summary>
    public static RpcException Internal(string traceId) =>
        Build(Code.Internal, $"An internal error occurred. Reference: {traceId}.", new RequestInfo { RequestId = traceId });

    /// <summary>The text itself when short enough; else its start, never half a surrogate pair, and how long it was.</summary>
    public static string Bounded(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var keep = max - 40;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text[..keep] + "… (" + text.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " characters in all)";
    }

    private static RpcException Build(Code code, string message, Google.Protobuf.IMessage detail) =>
        new Status { Code = (int)code, Message = Bounded(message, MaxMessageCharacters), Details = { Any.Pack(detail) } }.ToRpcException();
}
