using Cx.ServiceDefaults.Identity;
using Cx.ServiceDefaults.Tenancy;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Model;

namespace Cx.Gateway.Auth;

/// <summary>
/// Turns the caller's credential into the one identity services believe: a short-lived token the
/// gateway signs for the service the route leads to (its audience), with the tenant, the actor and
/// the permissions the credential establishes. Whatever identity a caller sent itself is dropped,
/// and the credential goes no further than the gateway.
/// </summary>
internal sealed class ForwardCallerIdentity(RequestDelegate next, ServiceIdentity identity)
{
    /// <summary>The route metadata that names the service a proxied route leads to.</summary>
    public const string AudienceMetadata = "audience";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        headers.Remove(IdentityToken.MetadataKey);
        headers.Remove(TenantId.MetadataKey);
        headers.Remove(ActorContext.MetadataKey);
        if (context.User.Identity?.IsAuthenticated == true
            && CallerIdentity.Tenant(context.User) is { } tenant
            && AudienceOf(context.GetEndpoint()) is { } audience)
        {
            var actor = CallerIdentity.Actor(context.User) ?? ActorContext.Anonymous;
            headers[IdentityToken.MetadataKey] = identity.Issue(audience, tenant, actor, [.. CallerIdentity.PermissionsOf(context.User)]);
            headers.Remove(HeaderNames.Authorization);
            headers.Remove(ApiKeyAuthentication.Header);
        }

        return next(context);
    }

    /// <summary>The service a call is for: the one a proxied route leads to, or the gateway for its own APIs.</summary>
    private string? AudienceOf(Endpoint? endpoint)
    {
        if (endpoint?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata?.TryGetValue(AudienceMetadata, out var audience) == true)
        {
            return audience;
        }

        return endpoint?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null ? identity.Name : null;
    }
}
