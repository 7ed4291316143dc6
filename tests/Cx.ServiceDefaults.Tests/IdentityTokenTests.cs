using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cx.ServiceDefaults.Identity;

namespace Cx.ServiceDefaults.Tests;

/// <summary>The token's format, read back without the class that wrote it: a JWT any JWS library verifies.</summary>
public sealed class IdentityTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Create_IsACompactJwsSignedWithEs256_WithTheClaimsItWasGiven()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var token = IdentityToken.Create(key, "gateway", "measurement", "acme", "key:k-1", ["measurement:write", "governance:read"], Now, TimeSpan.FromMinutes(5));

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal(("ES256", "JWT", "gateway"), (header.RootElement.GetProperty("alg").GetString(), header.RootElement.GetProperty("typ").GetString(), header.RootElement.GetProperty("kid").GetString()));
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var c = claims.RootElement;
        Assert.Equal("gateway", c.GetProperty("iss").GetString());
        Assert.Equal("measurement", c.GetProperty("aud").GetString());
        Assert.Equal("key:k-1", c.GetProperty("sub").GetString());
        Assert.Equal("acme", c.GetProperty("cx_tenant").GetString());
        Assert.Equal(["measurement:write", "governance:read"], c.GetProperty("cx_permissions").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Equal(1796635800L, c.GetProperty("iat").GetInt64());
        Assert.Equal(1796635800L + 300, c.GetProperty("exp").GetInt64());

        // ES256 (RFC 7518 3.4): SHA-256 over the ASCII of "header.payload", r || s of 32 bytes each.
        var signature = Base64Url.DecodeFromChars(parts[2]);
        Assert.Equal(64, signature.Length);
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void Read_ItsOwnToken_GivesTheCaller()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = IdentityToken.Create(key, "governance", "measurement", "acme", "maria", ["measurement:read"], Now, TimeSpan.FromMinutes(5));

        var caller = IdentityToken.Read(token, new Dictionary<string, ECDsa> { ["governance"] = key }, "measurement", Now.AddMinutes(4), out var refusal);

        Assert.Null(refusal);
        Assert.Equal(new VerifiedCaller("governance", "acme", "maria", caller!.Permissions, Now.AddMinutes(5)), caller);
        Assert.Equal(["measurement:read"], caller.Permissions);
    }

    [Fact]
    public void Read_WithinTheClockSkewAfterExpiry_IsAccepted_AndBeyondIt_Refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var trusted = new Dictionary<string, ECDsa> { ["gateway"] = key };
        var token = IdentityToken.Create(key, "gateway", "probe", "acme", "x", [], Now, TimeSpan.FromMinutes(1));

        Assert.NotNull(IdentityToken.Read(token, trusted, "probe", Now.AddMinutes(1).AddSeconds(29), out _));
        Assert.Null(IdentityToken.Read(token, trusted, "probe", Now.AddMinutes(1).AddSeconds(30), out var refusal));
        Assert.Contains("not at", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ASignedTokenWithAMalformedTenant_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var header = Base64Url.EncodeToString("""{"alg":"ES256","typ":"JWT","kid":"gateway"}"""u8);
        var claims = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"iss":"gateway","aud":"probe","sub":"x","cx_tenant":"Victim Corp","cx_permissions":[],"iat":{{Now.ToUnixTimeSeconds()}},"exp":{{Now.AddMinutes(1).ToUnixTimeSeconds()}}}"""));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        var caller = IdentityToken.Read(header + "." + claims + "." + Base64Url.EncodeToString(signature), new Dictionary<string, ECDsa> { ["gateway"] = key }, "probe", Now, out var refusal);

        Assert.Null(caller);
        Assert.Equal("no valid tenant or actor", refusal);
    }

    [Fact]
    public void Read_ATokenThatClaimsALongerLifeThanAllowed_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var header = Base64Url.EncodeToString("""{"alg":"ES256","typ":"JWT","kid":"gateway"}"""u8);
        var claims = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"iss":"gateway","aud":"probe","sub":"x","cx_tenant":"acme","cx_permissions":[],"iat":{{Now.ToUnixTimeSeconds()}},"exp":{{Now.AddDays(30).ToUnixTimeSeconds()}}}"""));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        Assert.Null(IdentityToken.Read(header + "." + claims + "." + Base64Url.EncodeToString(signature), new Dictionary<string, ECDsa> { ["gateway"] = key }, "probe", Now, out _));
    }

    [Fact]
    public void Create_LongerThanTheMaximumLife_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityToken.Create(key, "gateway", "probe", "acme", "x", [], Now, TimeSpan.FromHours(1)));
    }
}
