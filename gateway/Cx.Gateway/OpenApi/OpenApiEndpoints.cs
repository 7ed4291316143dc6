using Cx.Gateway.Routing;
using Cx.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cx.Gateway.OpenApi;

/// <summary>
/// The REST surface described (<c>/openapi.json</c>) and a page to browse it (<c>/api-docs</c>). Both
/// are public: they describe the contract, which is published anyway, and hold no tenant's data.
/// </summary>
internal static class OpenApiEndpoints
{
    private static readonly Lazy<string> Document = new(() => OpenApiDocument.Generate(ContractRoutes.Files, CxServiceApplication.Version, Webhooks.WebhookEventTypes.All));

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/openapi.json", () => Results.Text(Document.Value, "application/json"));
        endpoints.MapGet("/api-docs", () => Page("api-docs.html", "text/html; charset=utf-8"));
        endpoints.MapGet("/api-docs.js", () => Page("api-docs.js", "text/javascript; charset=utf-8"));
        endpoints.MapGet("/api-docs.css", () => Page("api-docs.css", "text/css; charset=utf-8"));
    }

    private static IResult Page(string name, string contentType)
    {
        var stream = typeof(OpenApiEndpoints).Assembly.GetManifestResourceStream("wwwroot/" + name)
            ?? throw new InvalidOperationException($"wwwroot/{name} is not embedded in the gateway.");
        return Results.Stream(stream, contentType);
    }
}
