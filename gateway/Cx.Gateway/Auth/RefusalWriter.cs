using Cx.Gateway.Protection;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Cx.Gateway.Auth;

/// <summary>
/// Answers a refused call itself, naming the reason (no credential, unknown, revoked or expired key,
/// bad token, missing permission), as UNAUTHENTICATED / 401 or PERMISSION_DENIED / 403. A credential
/// presented and refused counts against the caller's address (<see cref="FailedAuthentications"/>).
/// </summary>
internal sealed class RefusalWriter(FailedAuthentications failures) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Challenged)
        {
            // The middleware keeps only successful results; the handler's own result (cached per request) says why it failed.
            var failure = (await context.AuthenticateAsync()).Failure?.Message;
            if (failure is not null)
            {
                await failures.CountAsync(context);
            }

            await CallerErrors.WriteAsync(
                context, StatusCode.Unauthenticated, StatusCodes.Status401Unauthorized, failure ?? NoCredential,
                why: new ErrorInfo { Reason = failure is null ? "CREDENTIAL_MISSING" : "CREDENTIAL_REFUSED" });
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var reasons = authorizeResult.AuthorizationFailure?.FailureReasons ?? [];
            var missing = reasons.OfType<MissingPermission>().FirstOrDefault();
            var why = new ErrorInfo { Reason = "PERMISSION_DENIED" };
            if (missing is not null)
            {
                why.Metadata["permission"] = missing.Permission;
            }

            await CallerErrors.WriteAsync(
                context, StatusCode.PermissionDenied, StatusCodes.Status403Forbidden,
                reasons.FirstOrDefault()?.Message ?? "The credential does not allow this call.", why: why);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private const string NoCredential = "A credential is required: an API key (x-api-key, or Authorization: Bearer cxk_...) or a JWT bearer token.";
}
