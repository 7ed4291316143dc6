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
        if (platform.DemoDataLoaded.Count > 0)
        {
            console.MarkupLine("Demo data loaded: " + Markup.Escape(string.Join("; ", platform.DemoDataLoaded)));
        }
        else if (demoRequested)
        {
            console.MarkupLine("[yellow]--demo:[/] none of the running services provides demo data.");
        }

        console.MarkupLine("Every call to a cx.* API carries the tenant in the [bold]x-cx-tenant[/] metadata (HTTP header).");
        console.MarkupLine("[green]Ready.[/] Press Ctrl-C to stop.");
    }
}
