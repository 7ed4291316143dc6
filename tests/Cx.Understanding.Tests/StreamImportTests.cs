using Cx.Understanding.Profiles;
using Cx.Understanding.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

/// <summary>The understanding service with streams cut at 1,500 profiles, so the limit is reached in a test's time.</summary>
public sealed class ShortStreamUnderstandingHost : UnderstandingHost
{
    public ShortStreamUnderstandingHost() => Settings[ProfileStreamImport.MaxProfilesSetting] = "1500";
}

/// <summary>Profiles imported from a stream by a real gRPC client: batches committed as they arrive, an outcome per profile, bad values named by their place in the stream.</summary>
public sealed class StreamImportTests(UnderstandingHost host) : IClassFixture<UnderstandingHost>
{
    private static Profile Customer(int n, string? email = null) => new()
    {
        CustomerId = "s-" + n,
        Identities = { new Identity { Kind = IdentityKind.Email, Value = email ?? $"s{n}@example.com" } },
        Attributes = { ["tier"] = n % 2 == 0 ? "gold" : "silver" },
    };

    private async Task<List<ImportResult>> StreamAsync(string tenant, IEnumerable<Profile> profiles)
    {
        using var call = host.Client.StreamImportProfiles(As(tenant));
        foreach (var profile in profiles)
        {
            await call.RequestStream.WriteAsync(profile);
        }

        await call.RequestStream.CompleteAsync();
        return (await call).Results.ToList();
    }

    private static IEnumerable<Profile> TwoAndAHalfThousand() =>
        Enumerable.Range(0, 2_500).Select(n => n switch
        {
            1_200 => Customer(n, "not an address"),
            2_100 => Customer(5),
            _ => Customer(n),
        });

    [Fact]
    public async Task TwoAndAHalfThousand_EachWithItsOutcomeInOrder_ABadOneAndARepeatRejectedAlone_AndAgainAllUnchanged()
    {
        var tenant = NewTenant();

        var results = await StreamAsync(tenant, TwoAndAHalfThousand());

        Assert.Equal(2_500, results.Count);
        Assert.Equal(Enumerable.Range(0, 2_500).Select(n => "s-" + (n == 2_100 ? 5 : n)), results.Select(r => r.CustomerId));
        Assert.Equal(
            [
                (1_200, ImportOutcome.Rejected, "identities[0].value", "Not an email address: one '@', a domain with a dot, no spaces."),
                (2_100, ImportOutcome.Rejected, "customer_id", "Given more than once in this import: each customer once."),
            ],
            results.Select((r, i) => (i, r.Outcome, r.Field, r.Error)).Where(r => r.Outcome != ImportOutcome.Created));
        Assert.Equal(2_498, await host.ReadAsync(tenant, db => db.Profiles.CountAsync()));
        Assert.Equal("gold", (await host.Client.GetProfileAsync(new GetProfileRequest { CustomerId = "s-2498" }, As(tenant))).Attributes["tier"]);

        var again = await StreamAsync(tenant, TwoAndAHalfThousand());
        Assert.Equal(2_498, again.Count(r => r.Outcome == ImportOutcome.Unchanged));
        Assert.Equal([1_200, 2_100], again.Select((r, i) => (r, i)).Where(x => x.r.Outcome == ImportOutcome.Rejected).Select(x => x.i));
    }

    [Fact]
    public async Task ANulCharacterMidStream_IsInvalid_NamedByItsPlaceInTheStream_AfterTheBatchesBeforeItWereCommitted()
    {
        var tenant = NewTenant();

        var profiles = Enumerable.Range(0, 1_600).Select(n => Customer(n)).ToList();
        profiles[1_500].Attributes["note"] = "a\0b";

        var error = await Refused(() => StreamAsync(tenant, profiles));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("profiles[1500].attributes[note]", "Must not contain the NUL character (U+0000).")], Violations(error));
        Assert.Equal(1_000, await host.ReadAsync(tenant, db => db.Profiles.CountAsync()));
    }

    [Fact]
    public async Task AnEmptyStream_ImportsNothing()
    {
        var tenant = NewTenant();

        Assert.Empty(await StreamAsync(tenant, []));
    }
}

/// <summary>A stream longer than the limit: what fits is imported, the call is refused naming the limit.</summary>
public sealed class StreamImportLimitTests(ShortStreamUnderstandingHost host) : IClassFixture<ShortStreamUnderstandingHost>
{
    [Fact]
    public async Task AStreamOverTheLimit_IsInvalid_AfterTheProfilesWithinItWereImported()
    {
        var tenant = NewTenant();
        using var call = host.Client.StreamImportProfiles(As(tenant));

        var error = await Refused(async () =>
        {
            for (var n = 0; n < 1_600; n++)
            {
                await call.RequestStream.WriteAsync(new Profile { CustomerId = "s-" + n });
            }

            await call.RequestStream.CompleteAsync();
            await call;
        });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("profiles", "At most 1,500 profiles a stream; the first 1,500 were imported: send the rest in another.")], Violations(error));
        Assert.Equal(1_500, await host.ReadAsync(tenant, db => db.Profiles.CountAsync()));
    }
}
