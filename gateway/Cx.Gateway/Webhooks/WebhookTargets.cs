using System.Net;
using System.Net.Sockets;

namespace Cx.Gateway.Webhooks;

/// <summary>
/// Where webhooks may go. A subscription URL is chosen by a tenant, so without a guard a delivery
/// could reach the platform's own network: loopback, link-local (cloud metadata at 169.254.169.254),
/// private ranges, and addresses that are not really public. The URL and every address its host
/// resolves to are checked when it is saved, and the addresses again when a delivery connects,
/// because DNS can answer differently later.
/// </summary>
internal sealed class WebhookTargets(WebhookSettings settings)
{
    /// <summary>Why <paramref name="url"/> cannot be subscribed, or null when it can.</summary>
    public string? Refusal(string url)
    {
        if (url.Length is 0 or > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "Required: an absolute URL of at most 2,000 characters.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && !settings.RequireHttps))
        {
            return settings.RequireHttps ? "Must be an https URL." : "Must be an http or https URL.";
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return "Must not hold credentials or a fragment: the receiver verifies the signature instead.";
        }

        if (settings.AllowPrivateTargets)
        {
            return null;
        }

        if (uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "Must not point at this machine (loopback).";
        }

        return IPAddress.TryParse(uri.IdnHost, out var address) && !IsPublic(address)
            ? $"Must not point at a private, loopback or link-local address ({address})."
            : null;
    }

    /// <summary>
    /// Why the host of an otherwise acceptable <paramref name="url"/> cannot be subscribed as DNS
    /// answers now: it does not resolve, or resolves to an address a delivery would refuse. Said
    /// when the URL is saved, rather than in every failed attempt after it.
    /// </summary>
    public async Task<string?> ResolvedRefusalAsync(string url, WebhookAddressResolver resolver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var uri = new Uri(url);
        if (settings.AllowPrivateTargets || IPAddress.TryParse(uri.IdnHost, out _))
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException e)
        {
            return $"{uri.Host} does not resolve ({e.SocketErrorCode}).";
        }

        if (addresses.Length == 0)
        {
            return $"{uri.Host} does not resolve to any address.";
        }

        return addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused
            ? $"Must not point at a private, loopback or link-local address: {uri.Host} resolves to {refused}."
            : null;
    }

    /// <summary>Whether a delivery may connect to <paramref name="address"/>.</summary>
    public bool Allows(IPAddress address) => settings.AllowPrivateTargets || IsPublic(address);

    /// <summary>A unicast address on the public internet: not loopback, private, link-local, shared, reserved or multicast.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0                                  // "this network"
                || b[0] == 10                                  // private
                || (b[0] == 100 && b[1] is >= 64 and <= 127)   // carrier-grade NAT
                || b[0] == 127                                 // loopback
                || (b[0] == 169 && b[1] == 254)                // link-local, cloud metadata
                || (b[0] == 172 && b[1] is >= 16 and <= 31)    // private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)     // protocol assignments
                || (b[0] == 192 && b[1] == 168)                // private
                || (b[0] == 198 && b[1] is 18 or 19)           // benchmarking
                || b[0] >= 224);                               // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.Equals(IPAddress.IPv6Any)
                || address.Equals(IPAddress.IPv6Loopback)
                || address.IsIPv6LinkLocal
                || address.IsIPv6SiteLocal
                || address.IsIPv6Multicast
                || (b[0] & 0xfe) == 0xfc                       // unique local (fc00::/7)
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && !IsPublic(new IPAddress(b[12..]))) // NAT64 of a private IPv4
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)); // documentation
        }

        return false;
    }
}
