using System.Text.RegularExpressions;

namespace Cx.ServiceDefaults.Tenancy;

/// <summary>The tenant a call acts for, as carried in request metadata.</summary>
public static partial class TenantId
{
    /// <summary>
    /// The header a caller of `cx up --dev` names its tenant with; the gateway removes it from every
    /// other call, and services never read it (they take the tenant from the identity token).
    /// </summary>
    public const string MetadataKey = "x-cx-tenant";

    /// <summary>A DNS-label-like id, so it is safe in URLs, file names, schema names and topics.</summary>
    public const string Rule = "1 to 63 characters: lower-case letters, digits and '-', starting and ending with a letter or digit";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
