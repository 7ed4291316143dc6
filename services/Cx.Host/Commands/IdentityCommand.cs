using System.CommandLine;
using Cx.Host.Catalog;
using Cx.Host.Launch;
using Cx.ServiceDefaults.Identity;
using Cx.ServiceDefaults.Tenancy;
using Spectre.Console;

namespace Cx.Host.Commands;

/// <summary>
/// `cx identity keys|token`: the identity keys of a data directory (docs/security.md). `keys` makes
/// the pairs a directory lacks, as `cx up` does on its first start (for `cx serve` and `dapr run`
/// beside it); `token` prints a token signed with the directory's gateway key, for an operator who
/// calls a service port directly (buf curl, grpcurl, a benchmark).
/// </summary>
internal static class IdentityCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var data = DataDirectoryOption.Create("The data directory whose identity keys to use (as given to cx up).");
        var keys = new Command("keys", "Make the identity key pairs the data directory lacks; print where they are.") { data };
        keys.SetAction(parse =>
        {
            console.Profile.Out.Writer.WriteLine(IdentityTrust.EnsureKeys(parse.GetValue(data)!));
            return 0;
        });

        var service = new Option<string>("--service") { Description = "The service the token is for (its audience).", Required = true };
        service.Validators.Add(r =>
        {
            if (ServiceCatalog.Find(r.GetValueOrDefault<string>()) is null)
            {
                r.AddError($"--service must be one of {ServiceCatalog.Names}.");
            }
        });
        var tenant = new Option<string>("--tenant") { Description = "The tenant the call acts for.", Required = true };
        tenant.Validators.Add(r =>
        {
            if (!TenantId.IsValid(r.GetValueOrDefault<string>()))
            {
                r.AddError($"--tenant must be a tenant id: {TenantId.Rule}.");
            }
        });
        var permission = new Option<string[]>("--permission")
        {
            Description = "A permission, e.g. measurement:read; repeat for several. By default <service>:read.",
            AllowMultipleArgumentsPerToken = false,
        };
        var actor = new Option<string>("--actor") { Description = "Who the audit trail records.", DefaultValueFactory = _ => "operator" };
        var token = new Command("token", "Print an identity token the gateway's key signs (it lives 5 minutes).") { data, service, tenant, permission, actor };
        token.SetAction(parse =>
        {
            var directory = Path.Combine(Path.GetFullPath(parse.GetValue(data)!), IdentityTrust.DirectoryName);
            if (!File.Exists(IdentityKeyFiles.PrivateKeyPath(directory, IdentitySettings.Gateway)))
            {
                console.MarkupLine($"[red]cx identity token failed:[/] {Markup.Escape(directory)} holds no gateway key. Pass the --data directory cx up uses, or make the keys with `cx identity keys`.");
                return 1;
            }

            var audience = parse.GetValue(service)!;
            var permissions = parse.GetValue(permission) is { Length: > 0 } given ? given : [audience + ":read"];
            using var key = IdentityKeyFiles.LoadPrivateKey(directory, IdentitySettings.Gateway);
            // Unwrapped, whatever the terminal's width: a token is copied whole.
            console.Profile.Out.Writer.WriteLine(IdentityToken.Create(key, IdentitySettings.Gateway, audience, parse.GetValue(tenant)!, parse.GetValue(actor)!, permissions, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
            return 0;
        });

        return new Command("identity", "The identity keys services sign and check calls with.") { keys, token };
    }
}
