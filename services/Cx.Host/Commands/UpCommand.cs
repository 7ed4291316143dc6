using System.CommandLine;
using Cx.Host.Launch;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>`cx up`: the whole platform in this process until Ctrl-C.</summary>
internal static class UpCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = DataDirectoryOption.Create("Directory where the services keep their data.");
        var demo = new Option<bool>("--demo")
        {
            Description = "Load demo data into the services that provide it.",
        };
        var dev = new Option<bool>("--dev")
        {
            Description = "Development mode: the gateway accepts calls without a credential (as the development tenant) and prints a development key.",
        };
        var basePort = new Option<int>("--base-port")
        {
            Description = $"First port of the port plan (service N listens on base+10N for gRPC, base+10N+1 for HTTP); 0 picks free ports.",
            DefaultValueFactory = _ => ServiceCatalog.DefaultBasePort,
        };
        basePort.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            var highest = value + (10 * ServiceCatalog.All.Max(s => s.Slot)) + 1;
            if (value != 0 && (value < 1024 || highest > 65535))
            {
                result.AddError($"--base-port must be 0 or between 1024 and {65535 - (highest - value)} (was {value}).");
            }
        });
        var bind = new Option<string>("--bind")
        {
            Description = "Address every service listens on; 0.0.0.0 makes them reachable from other machines.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        bind.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!System.Net.IPAddress.TryParse(value, out _))
            {
                result.AddError($"--bind must be an IP address (was '{value}').");
            }
        });

        var command = new Command("up", "Run the platform: every service in this process, on the embedded backend.")
        {
            data, demo, dev, basePort, bind,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new UpOptions
            {
                DataDirectory = parse.GetValue(data)!,
                Demo = parse.GetValue(demo),
                Dev = parse.GetValue(dev),
                BasePort = parse.GetValue(basePort),
                BindAddress = parse.GetValue(bind)!,
            },
            console,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(UpOptions options, IAnsiConsole console, CancellationToken stop)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        RunningPlatform platform;
        try
        {
            platform = await PlatformLauncher.StartAsync(options, configuration, stop);
        }
        catch (Exception e) when (e is DataDirectoryInUseException or IOException)
        {
            console.MarkupLine($"[red]cx up failed:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }

        string? failed = null;
        await using (platform)
        {
            EndpointTable.Write(console, platform, options.Demo);
            var stopRequested = Task.Delay(Timeout.Infinite, stop);
            if (await Task.WhenAny(stopRequested, platform.ServiceStoppedOnItsOwn) == platform.ServiceStoppedOnItsOwn && !stop.IsCancellationRequested)
            {
                failed = await platform.ServiceStoppedOnItsOwn;
                console.MarkupLine($"[red]The {Markup.Escape(failed)} service stopped on its own (see the log above); stopping the platform.[/]");
            }
            else
            {
                console.MarkupLine("Stopping...");
            }
        }

        console.MarkupLine("Stopped.");
        return failed is null ? 0 : 1;
    }
}
