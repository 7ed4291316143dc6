using Cx.Understanding.Domain.Merges;
using Cx.Understanding.Domain.Profiles;

namespace Cx.Understanding.Tests;

/// <summary>The rules as plain C#: identities' one spelling, and what a merge keeps.</summary>
public sealed class DomainTests
{
    [Theory]
    [InlineData(IdentityKind.Email, " Ann@Example.COM ", "ann@example.com")]
    [InlineData(IdentityKind.Phone, "+49 (30) 123-45.67", "+49301234567")]
    [InlineData(IdentityKind.Phone, "0049 30 1234567", "+49301234567")]
    [InlineData(IdentityKind.Account, " ACC-17 ", "ACC-17")]
    [InlineData(IdentityKind.Device, "Tablet 7F", "Tablet 7F")]
    public void Identities_HaveOneSpelling(IdentityKind kind, string given, string stored)
    {
        Assert.True(Identities.TryNormalise(kind, given, out var normalised, out _));
        Assert.Equal(stored, normalised);
    }

    [Theory]
    [InlineData(IdentityKind.Email, "ann.example.com")]
    [InlineData(IdentityKind.Email, "ann@example")]
    [InlineData(IdentityKind.Email, "ann @example.com")]
    [InlineData(IdentityKind.Phone, "030 1234567")]
    [InlineData(IdentityKind.Phone, "+0 30 1234567")]
    [InlineData(IdentityKind.Phone, "+49 30")]
    [InlineData(IdentityKind.Phone, "+49 30 1234567 ext 5")]
    [InlineData(IdentityKind.Phone, "+4930123456789012")]
    [InlineData(IdentityKind.Device, "")]
    public void MalformedIdentities_AreRefused(IdentityKind kind, string given) =>
        Assert.False(Identities.TryNormalise(kind, given, out _, out _));

    [Fact]
    public void AMerge_KeepsTheStayingProfilesAttributes_AndTheLaterConsentOnEachPurpose()
    {
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var attributes = ProfileMerge.Attributes(new Dictionary<string, string> { ["tier"] = "gold" }, new Dictionary<string, string> { ["tier"] = "silver", ["city"] = "Rome" });
        var consents = ProfileMerge.Consents([new("stories", true, t0.AddDays(2)), new("contact", true, t0)], [new("stories", false, t0.AddDays(1)), new("contact", false, t0.AddDays(3))]);

        Assert.Equal(new Dictionary<string, string> { ["tier"] = "gold", ["city"] = "Rome" }, attributes);
        Assert.Equal([new("contact", false, t0.AddDays(3)), new ConsentDecision("stories", true, t0.AddDays(2))], consents);
    }
}
