using System.CommandLine;
using Cx.Host.Launch.Topology;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>
/// `cx run --from tye.yaml`: the topology file's services as separate processes, each started
/// from its own entry (command, arguments, environment, bindings, readiness probe), their output
/// prefixed with their names, a process that dies restarted with backoff (as tye and Kubernetes
/// do), all stopped on Ctrl-C or SIGTERM. tye itself is archived; this reads
/// its file so the file stays what runs.
/// </summary>
internal static class RunCommand
{
    private static readonly string[] Colors = ["aqua", "yellow", "fuchsia", "lime", "orange1", "deepskyblue1", "violet", "springgreen2"];

    public static Command Create(IAnsiConsole console)
    {
        var from = new Option<string>("--from")
        {
            Description = "The topology file, in tye's format.",
            DefaultValueFactory = _ => TyeFile.DefaultFileName,
        };
        var skip = new Option<string[]>("--skip")
        {
            Description = "Leave out a service the file defines (you run it some other way, e.g. your own redis); repeat for several.",
            AllowMultipleArgumentsPerToken = false,
        };
        var offset = new Option<int>("--port-offset")
        {
            Description = "Shift every binding's port by this much, with every address in the file that names it (to run beside cx up, say).",
        };
        var command = new Command("run", "Run a topology file's services as separate processes (tye.yaml: the redis backend), until Ctrl-C.")
        {
            from, skip, offset,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(console, parse.GetValue(from)!, parse.GetValue(skip) ?? [], parse.GetValue(offset), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string file, IReadOnlyList<string> skipped, int offset, CancellationToken stop)
    {
        Topology topology;
        try
        {
            topology = TyeFile.Load(file).Without(skipped).OffsetPorts(offset);
        }
        catch (Exception e) when (e is TopologyFileException or KeyNotFoundException)
        {
            console.MarkupLine($"[red]cx run:[/] {Markup.Escape(e.Message)}");
            return 1;
        }

        var gate = new Lock();
        var colors = topology.Services.Select((s, i) => (s.Name, Color: Colors[i % Colors.Length])).ToDictionary(p => p.Name, p => p.Color);
        void Write(string service, string line)
        {
            lock (gate)
            {
                console.MarkupLine($"[{colors[service]}]{Markup.Escape($"[{service}]")}[/] {Markup.Escape(line)}");
            }
        }

        await using var runner = new TopologyRunner(topology, new TopologyRunnerOptions { Output = Write });
        try
        {
            // Every command is resolved first, so a file cx run cannot start starts nothing.
            foreach (var service in topology.Services)
            {
                runner.CommandFor(service);
            }

            runner.StartAll();
            await runner.WaitAllReadyAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception e) when (e is TopologyFileException or InvalidOperationException or TimeoutException)
        {
            console.MarkupLine($"[red]cx run:[/] {Markup.Escape(e.Message)} Stopping the others.");
            return 1;
        }

        WriteReady(console, topology);
        await runner.SuperviseAsync(stop);
        return 0;
    }

    private static void WriteReady(IAnsiConsole console, Topology topology)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Service").AddColumn("Bindings").AddColumn("Command");
        foreach (var service in topology.Services)
        {
            table.AddRow(
                Markup.Escape(service.Name),
                Markup.Escape(string.Join(", ", service.Bindings.Select(b => $"{b.Name ?? b.Protocol} {b.Port}"))),
                Markup.Escape($"{service.Target} {string.Join(' ', service.Args)}".Trim()));
        }

        console.Write(table);
        console.MarkupLine($"[green]Ready:[/] {Markup.Escape(topology.Name)} runs as {topology.Services.Count} processes. Press Ctrl-C to stop them.");
    }
}
