using Microsoft.AspNetCore.Http;

namespace Cx.Gateway.Protection;

/// <summary>Headers that keep browsers from sniffing, framing or leaking what the gateway serves.</summary>
internal sealed class SecurityHeaders(RequestDelegate next, GatewaySettings settings)
{
    // With CORS on, an answer depends on the Origin asked from, whether or not it was allowed:
    // a shared cache must not hand one origin's answer to another.
    private readonly bool _varyByOrigin = settings.CorsOrigins.Count > 0;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'";
            if (_varyByOrigin && !headers.Vary.Any(v => v is not null && v.Contains("Origin", StringComparison.OrdinalIgnoreCase)))
            {
                headers.Append("Vary", "Origin");
            }

            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
