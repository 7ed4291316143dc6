using Cx.Host.Launch;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>What an operator sees once `cx up` is ready: where each service answers.</summary>
internal static class EndpointTable
{
    public static void Write(IAnsiConsole console, RunningPlatform platform, bool demoRequested)
    {
        console.MarkupLine($"[bold]cx {Markup.Escape(platform.Directory.Version)}[/]  backend [green]{platform.Directory.Backend}[/]  data [blue]{Markup.Escape(platform.DataDirectory)}[/]");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Service")
            .AddColumn("gRPC (h2c)")
            .AddColumn("REST, probes")
            .AddColumn("API");
        foreach (var service in platform.Directory.Services)
        {
            table.AddRow(
                Markup.Escape(service.Name),
                Markup.Escape(service.GrpcAddress),
                Markup.Escape(service.HttpUrl.ToString().TrimEnd('/')),
                Markup.Escape(string.Join(", ", service.GrpcServices.Where(name => name.StartsWith("cx.", StringComparison.Ordinal)))));
        }

        console.Write(table);
        if (platform.Demo.LoadedNow.Count > 0)
        {
            console.MarkupLine("Demo data loaded: " + Markup.Escape(string.Join("; ", platform.Demo.LoadedNow)));
        }
        else if (platform.Demo.AlreadyPresent.Count > 0)
        {
            console.MarkupLine("Demo data: already loaded in this data directory (tenant demo).");
        }
        else if (demoRequested)
        {
            console.MarkupLine("[yellow]--demo:[/] none of the running services provides demo data.");
        }

        var gateway = platform.Directory.Services.FirstOrDefault(s => s.Name == Cx.Gateway.GatewayModule.ServiceName);
        if (gateway is not null)
        {
            console.MarkupLine($"Call the platform through the gateway: gRPC [bold]{Markup.Escape(gateway.GrpcAddress)}[/], REST and gRPC-Web [bold]{Markup.Escape(gateway.HttpUrl.ToString().TrimEnd('/'))}[/].");
            console.MarkupLine($"API reference: [bold]{Markup.Escape(new Uri(gateway.HttpUrl, "api-docs").ToString())}[/] (OpenAPI at /openapi.json).");
        }

        if (platform.DevelopmentKey is { } key)
        {
            console.MarkupLine($"[yellow]Development mode:[/] calls without a credential act for the development tenant. Development key: [bold]{Markup.Escape(key)}[/]");
        }
        else
        {
            console.MarkupLine("The gateway needs a credential on every call: create an API key with [bold]cx keys create[/].");
        }

        console.MarkupLine("Services called directly (not through the gateway) need an identity token the gateway signed (docs/security.md).");
        console.MarkupLine("[green]Ready.[/] Press Ctrl-C to stop.");
    }
}
