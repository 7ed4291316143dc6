using System.CommandLine;
using Cx.Domain.Errors;
using Cx.Gateway;
using Cx.Gateway.Keys;
using Cx.Host.Launch;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>
/// `cx keys create|list|revoke`: the operator's way to the gateway's API keys, straight on the
/// gateway's data (the same code as its admin API). It works while the gateway runs; a revocation
/// made here reaches a running gateway within its key cache time (10 s by default). The data is
/// cx up's (--data), or, where the environment configures the redis or dapr backend (in the
/// gateway's container, or beside cx run), the database the gateway's configuration names.
/// </summary>
internal static class KeysCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = DataDirectoryOption.Create("The data directory of the platform (as given to cx up).");
        var tenant = new Option<string>("--tenant") { Description = "The tenant the key acts for.", Required = true };
        tenant.Validators.Add(r =>
        {
            if (!TenantId.IsValid(r.GetValueOrDefault<string>()))
            {
                r.AddError($"--tenant must be a tenant id: {TenantId.Rule}.");
            }
        });
        var name = new Option<string>("--name") { Description = "What the key is for, e.g. crm-sync.", Required = true };
        var permission = new Option<string[]>("--permission")
        {
            Description = "A permission, e.g. measurement:write or *:read; repeat for several.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working (ISO 8601); by default never." };
        var all = new Option<bool>("--all") { Description = "Also list revoked and expired keys." };
        var keyId = new Argument<string>("key-id") { Description = "The key's id (the part after cxk_ and before the next _)." };

        var create = new Command("create", "Create an API key; its secret is shown once.") { data, tenant, name, permission, expires };
        create.SetAction((parse, cancellationToken) => WithIssuerAsync(console, readingCommand: null, DataOf(parse, data), parse.GetValue(tenant)!, async issuer =>
        {
            var (key, secret) = await issuer.CreateAsync(parse.GetValue(name)!, parse.GetValue(permission)!, parse.GetValue(expires)?.UtcDateTime, "operator", cancellationToken);
            console.MarkupLine($"Created key [bold]{key.KeyId}[/] for tenant {Markup.Escape(key.TenantId)}: {Markup.Escape(key.Permissions)}");
            console.MarkupLine("Secret (shown once; send it as x-api-key or Authorization: Bearer):");
            console.WriteLine(secret);
        }, cancellationToken));

        var list = new Command("list", "List a tenant's API keys (secrets are never shown).") { data, tenant, all };
        list.SetAction((parse, cancellationToken) => WithIssuerAsync(console, "cx keys list", DataOf(parse, data), parse.GetValue(tenant)!, async issuer =>
        {
            var table = new Table().AddColumn("Key id").AddColumn("Name").AddColumn("Permissions").AddColumn("Created").AddColumn("State");
            var token = string.Empty;
            do
            {
                var (keys, next) = await issuer.ListAsync(100, token, parse.GetValue(all), cancellationToken);
                foreach (var key in keys)
                {
                    var state = key.RevokedAtUtc is not null ? "revoked" : key.ExpiresAtUtc <= DateTime.UtcNow ? "expired" : key.ExpiresAtUtc is { } at ? $"expires {at:u}" : "active";
                    table.AddRow(key.KeyId, Markup.Escape(key.Name), Markup.Escape(key.Permissions), key.CreatedAtUtc.ToString("u", System.Globalization.CultureInfo.InvariantCulture), state);
                }

                token = next;
            }
            while (token.Length > 0);
            console.Write(table);
        }, cancellationToken));

        var revoke = new Command("revoke", "Revoke an API key.") { data, tenant, keyId };
        revoke.SetAction((parse, cancellationToken) => WithIssuerAsync(console, "cx keys revoke", DataOf(parse, data), parse.GetValue(tenant)!, async issuer =>
        {
            var key = await issuer.RevokeAsync(parse.GetValue(keyId)!, cancellationToken);
            console.MarkupLine($"Key [bold]{key.KeyId}[/] is revoked.");
        }, cancellationToken));

        return new Command("keys", "The gateway's API keys.") { create, list, revoke };
    }

    /// <summary>
    /// cx up's data directory, or null for the gateway's configured database: an explicit --data
    /// always means cx up's data; otherwise the environment's Cx__Backend decides.
    /// </summary>
    private static string? DataOf(System.CommandLine.ParseResult parse, Option<string> data)
    {
        if (parse.GetResult(data) is { Implicit: false })
        {
            return parse.GetValue(data);
        }

        var backend = new ConfigurationBuilder().AddEnvironmentVariables().Build()["Cx:Backend"];
        return backend is "redis" or "dapr" ? null : parse.GetValue(data);
    }

    /// <param name="readingCommand">The command's name when it only reads keys, so cx up's data must already hold them; null when it may create the gateway's data (a key made before the first start).</param>
    private static async Task<int> WithIssuerAsync(IAnsiConsole console, string? readingCommand, string? dataDirectory, string tenant, Func<ApiKeyIssuer, Task> action, CancellationToken cancellationToken)
    {
        if (readingCommand is not null && dataDirectory is not null && !DataDirectoryOption.HoldsDataOf(console, readingCommand, GatewayModule.ServiceName, dataDirectory))
        {
            return 1;
        }

        WebApplication gatewayApp;
        try
        {
            // The configured database is migrated by the deployment (cx db migrate --service gateway), not here.
            gatewayApp = dataDirectory is null
                ? ServiceProcess.Create(ServiceCatalog.Find(GatewayModule.ServiceName)!, [])
                : await PlatformLauncher.OpenServiceAsync(GatewayModule.ServiceName, dataDirectory, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            // Configuration that does not say where the gateway's database is.
            console.MarkupLine($"[red]cx keys failed:[/] {Markup.Escape(e.Message)}");
            return 1;
        }

        await using var gateway = gatewayApp;
        await using var scope = gateway.Services.CreateTenantScope(tenant);
        try
        {
            await action(scope.ServiceProvider.GetRequiredService<ApiKeyIssuer>());
            return 0;
        }
        catch (Exception e) when (e is DomainException or System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // A configured database that refuses (not migrated, unreachable) is named, not thrown at the operator.
            console.MarkupLine($"[red]cx keys failed:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }
}
