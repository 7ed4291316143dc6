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
        BadRequest.Descriptor, ResourceInfo.Descriptor, PreconditionFailure.Descriptor, ErrorInfo.Descriptor, RequestInfo.Descriptor);

    /// <summary>The status for a domain failure; null when the exception is not one.</summary>
    public static RpcException? FromDomain(Exception exception) => exception switch
    {
        ValidationFailedException e => Build(Code.InvalidArgument, e.Message, new BadRequest
        {
            FieldViolations =
            {
                e.Violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }),
            },
        }),
        NotFoundException e => Build(Code.NotFound, e.Message, new ResourceInfo
        {
            ResourceType = e.ResourceType,
            ResourceName = e.ResourceName,
            Description = e.Message,
        }),
        AlreadyExistsException e => Build(Code.AlreadyExists, e.Message, new ResourceInfo
        {
            ResourceType = e.ResourceType,
            ResourceName = e.ResourceName,
            Description = e.Message,
        }),
        PreconditionFailedException e => Build(Code.FailedPrecondition, e.Message, new PreconditionFailure
        {
            Violations = { new PreconditionFailure.Types.Violation { Type = e.Type, Subject = e.Subject, Description = e.Message } },
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
                ["resource_name"] = e.ResourceName,
                ["current_version"] = e.CurrentVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "deleted",
            },
        }),
        _ => null,
    };

    /// <summary>
    /// What a caller sees of a fault that is ours: nothing of its internals, only a reference
    /// (the trace id) under which the full exception was logged.
    /// </summary>
    public static RpcException Internal(string traceId) =>
        Build(Code.Internal, $"An internal error occurred. Reference: {traceId}.", new RequestInfo { RequestId = traceId });

    private static RpcException Build(Code code, string message, Google.Protobuf.IMessage detail) =>
        new Status { Code = (int)code, Message = message, Details = { Any.Pack(detail) } }.ToRpcException();
}
