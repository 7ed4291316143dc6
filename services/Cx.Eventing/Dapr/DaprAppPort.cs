using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cx.Eventing.Dapr;

/// <summary>
/// The port only the sidecar calls (<see cref="DaprEventingOptions.AppPort"/>, on loopback). The
/// delivery routes answer there alone, and only to a request carrying the app API token; any
/// other port answers 404 for them, so a caller of the public port (the gateway's, for one) cannot
/// hand the service an event. The port itself serves nothing else but health, for Dapr's app
/// health check.
/// </summary>
public sealed class DaprAppPort(DaprEventingOptions options)
{
    private const string TokenHeader = "dapr-api-token";
    private static readonly PathString Health = "/health";

    internal ListenOptions? Listener { get; set; }

    /// <summary>Base URL of the port, valid once the service has started.</summary>
    public Uri Url => new($"http://{BoundEndpoint()}");

    /// <summary>The routes the sidecar calls: the subscription document and every delivery route.</summary>
    public static bool IsDeliveryPath(PathString path) =>
        path.StartsWithSegments(DaprSubscriptionRoutes.SubscribePath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(DaprSubscriptionRoutes.DeliveryPrefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    internal void Listen(KestrelServerOptions kestrel) =>
        kestrel.Listen(IPAddress.Parse(options.AppAddress), options.AppPort, listener =>
        {
            listener.Protocols = HttpProtocols.Http1;
            Listener = listener;
        });

    /// <summary>Null when the request may reach a delivery route; otherwise the refusal to answer with.</summary>
    internal IResult? Refusal(HttpContext context)
    {
        if (!Arrived(context))
        {
            return Results.NotFound();
        }

        return TokenMatches(context.Request.Headers[TokenHeader].ToString()) ? null : Results.Unauthorized();
    }

    /// <summary>Whether the request came in on this port.</summary>
    internal bool Arrived(HttpContext context) =>
        Listener?.EndPoint is IPEndPoint bound && bound.Port != 0 && context.Connection.LocalPort == bound.Port;

    internal Task GuardAsync(HttpContext context, Func<Task> next)
    {
        var delivery = IsDeliveryPath(context.Request.Path);
        if (Arrived(context) ? !delivery && !context.Request.Path.StartsWithSegments(Health, StringComparison.OrdinalIgnoreCase) : delivery)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next();
    }

    /// <summary>Compared in constant time: hashing first makes the time independent of the length too.</summary>
    private bool TokenMatches(string presented)
    {
        if (string.IsNullOrEmpty(options.AppApiToken) || presented.Length == 0)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(options.AppApiToken)));
    }

    private string BoundEndpoint()
    {
        if (Listener?.EndPoint is not IPEndPoint endpoint || endpoint.Port == 0)
        {
            throw new InvalidOperationException("The service has not started listening yet.");
        }

        return endpoint.ToString();
    }
}

/// <summary>
/// Refuses to serve without the app API token, and puts the port guard first in the pipeline,
/// before anything a module adds (the gateway's proxy among them).
/// </summary>
internal sealed class DaprAppPortStartup(DaprEventingOptions options, DaprAppPort port) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        if (string.IsNullOrWhiteSpace(options.AppApiToken))
        {
            throw new InvalidOperationException(
                $"Cx:Backend is dapr but {DaprEventingOptions.AppApiTokenVariable} is not set: the delivery routes accept only calls carrying this token " +
                $"(Dapr sends it as dapr-api-token when the sidecar has the same {DaprEventingOptions.AppApiTokenVariable}; the chart sets both from its Secret, dapr.io/app-token-secret).");
        }

        return app =>
        {
            app.Use((context, nextMiddleware) => port.GuardAsync(context, () => nextMiddleware(context)));
            next(app);
        };
    }
}
