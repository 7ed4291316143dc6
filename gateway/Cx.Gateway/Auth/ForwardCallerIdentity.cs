using Cx.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Cx.Gateway.Auth;

/// <summary>
/// Replaces whatever tenant and actor a caller sent with the ones its credential establishes, and
/// keeps the credential itself from travelling further: services trust x-cx-tenant because only
/// the gateway sets it.
/// </summary>
internal sealed class ForwardCallerIdentity(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        headers.Remove(TenantId.MetadataKey);
        headers.Remove(ActorContext.MetadataKey);
        if (context.User.Identity?.IsAuthenticated == true && CallerIdentity.Tenant(context.User) is { } tenant)
        {
            headers[TenantId.MetadataKey] = tenant;
            headers[ActorContext.MetadataKey] = CallerIdentity.Actor(context.User) ?? ActorContext.Anonymous;
            headers.Remove(HeaderNames.Authorization);
            headers.Remove(ApiKeyAuthentication.Header);
        }

        return next(context);
    }
}
