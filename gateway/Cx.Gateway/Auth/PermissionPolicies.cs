using Cx.Api.V1;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Cx.Gateway.Auth;

/// <summary>A route's need: a permission in one discipline at a level.</summary>
internal sealed record PermissionRequirement(string Discipline, Access Level) : IAuthorizationRequirement;

/// <summary>
/// Policies named after what they require: "cx:measurement:write" needs measurement:write (or more);
/// "cx:caller" needs any authenticated caller. Built on demand, so every discipline's routes have
/// their policies without a registration per discipline.
/// </summary>
internal sealed class PermissionPolicies(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public const string Prefix = "cx:";
    public const string AnyCaller = Prefix + "caller";

    public static string For(string discipline, Access level) => Prefix + Permissions.Of(discipline, level);

    // A name always builds the same policy, so the authorization middleware may keep it per endpoint
    // instead of asking again on every call (the base class allows that only for itself).
    public override bool AllowsCachingPolicies => true;

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName == AnyCaller)
        {
            return new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        }

        if (policyName.StartsWith(Prefix, StringComparison.Ordinal) && Permissions.TryParse(policyName[Prefix.Length..], out var discipline, out var level))
        {
            return new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(discipline, level))
                .Build();
        }

        return await base.GetPolicyAsync(policyName);
    }
}

internal sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (Permissions.Grants(CallerIdentity.PermissionsOf(context.User), requirement.Discipline, requirement.Level))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new MissingPermission(this, Permissions.Of(requirement.Discipline, requirement.Level)));
        }

        return Task.CompletedTask;
    }
}

/// <summary>The permission a call needs and the credential lacks, for the refusal to name.</summary>
internal sealed class MissingPermission(IAuthorizationHandler handler, string permission)
    : AuthorizationFailureReason(handler, $"The credential does not hold {permission}.")
{
    public string Permission { get; } = permission;
}
