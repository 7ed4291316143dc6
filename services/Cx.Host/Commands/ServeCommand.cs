using System.CommandLine;
using Cx.Host.Launch;
using Cx.ServiceDefaults;
using Cx.ServiceDefaults.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>
/// `cx serve SERVICE`: one service of the catalog as this process, until SIGTERM or Ctrl-C. It is
/// the containers' entrypoint and what tye.yaml and dapr.yaml start.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The exit code of a usage mistake (an unknown service), apart from 1, a failure to run.</summary>
    public const int UsageError = 2;

    public static Command Create(IAnsiConsole console)
    {
        var service = new Argument<string>("service") { Description = $"The service to run: {ServiceCatalog.Names}." };
        var command = new Command(
            "serve",
            "Run one service as this process, configured by configuration only (environment variables such as Cx__Backend, "
            + "Cx__Ports__Grpc, ConnectionStrings__<service>; or --Cx:Key=value arguments). Stops gracefully on SIGTERM.")
        {
            service,
        };

        // Everything after the service name is configuration (--Cx:Ports:Grpc=9000), as in any ASP.NET Core app.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => RunAsync(console, parse.GetValue(service)!, parse.UnmatchedTokens, cancellationToken));
        return command;
    }

    /// <summary>The catalog's service of that name, or null after telling the user which names exist.</summary>
    public static ServiceSlot? Resolve(IAnsiConsole console, string name)
    {
        var slot = ServiceCatalog.Find(name);
        if (slot is null)
        {
            console.MarkupLine($"[red]There is no service named '{Markup.Escape(name)}'.[/] The services are: {Markup.Escape(ServiceCatalog.Names)}.");
        }

        return slot;
    }

    /// <summary>Configuration arguments must be --Key=value: anything else is a mistake worth naming, not a setting to drop.</summary>
    public static bool CheckConfigurationArgs(IAnsiConsole console, IReadOnlyList<string> args)
    {
        var wrong = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) || !a.Contains('=', StringComparison.Ordinal));
        if (wrong is not null)
        {
            console.MarkupLine($"[red]Unexpected argument '{Markup.Escape(wrong)}'.[/] Configuration is given as --Key=value, e.g. --Cx:Ports:Grpc=9000.");
        }

        return wrong is null;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string name, IReadOnlyList<string> configurationArgs, CancellationToken stop)
    {
        if (Resolve(console, name) is not { } slot || !CheckConfigurationArgs(console, configurationArgs))
        {
            return UsageError;
        }

        Microsoft.AspNetCore.Builder.WebApplication? created = null;
        try
        {
            created = ServiceProcess.Create(slot, configurationArgs);
            await created.StartAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await DisposeAsync(created);
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            // Wrong configuration, a port in use, a database that refuses its migration at start:
            // one line that says which, not a stack trace.
            console.MarkupLine($"[red]{Markup.Escape(slot.ProcessName)} did not start:[/] {Markup.Escape(e.Message)}");
            await DisposeAsync(created);
            return 1;
        }

        await using var app = created;

        var endpoints = ServiceProcess.Endpoints(app);
        var backend = app.Services.GetRequiredService<CxServiceSettings>().Backend;
        console.WriteLine($"{slot.ProcessName} {CxServiceApplication.Version} ready (backend {backend}): gRPC (h2c) {endpoints.GrpcAddress}, REST and probes {endpoints.HttpUrl.ToString().TrimEnd('/')}");

        // Either a stop is asked for (SIGTERM, Ctrl-C), or the service stops on its own: a failed
        // background task stops its host, and the process must then exit non-zero so a supervisor restarts it.
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (app.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult()))
        {
            await Task.WhenAny(Task.Delay(Timeout.Infinite, stop), stopping.Task);
        }

        var onItsOwn = !stop.IsCancellationRequested;
        if (!onItsOwn)
        {
            console.WriteLine($"{slot.ProcessName} stopping: calls in flight get up to {app.Services.GetRequiredService<CxServiceSettings>().ShutdownTimeout.TotalSeconds:0} s.");
        }

        await app.StopAsync(CancellationToken.None);
        if (onItsOwn)
        {
            console.MarkupLine($"[red]{Markup.Escape(slot.ProcessName)} stopped on its own (see the log above).[/]");
            return 1;
        }

        console.WriteLine($"{slot.ProcessName} stopped.");
        return 0;
    }

    private static async Task DisposeAsync(Microsoft.AspNetCore.Builder.WebApplication? app)
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
