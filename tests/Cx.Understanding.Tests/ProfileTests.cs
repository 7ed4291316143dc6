using Cx.Understanding.V1;
using Grpc.Core;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

public sealed class ProfileTests(UnderstandingHost host) : ProfileBehaviour(host), IClassFixture<UnderstandingHost>;

public sealed class ProfilePostgreSqlTests(PostgreSqlUnderstandingHost host) : ProfileBehaviour(host), IClassFixture<PostgreSqlUnderstandingHost>;

/// <summary>Profiles, identities, attributes, consent and import, on SQLite and on a real PostgreSQL.</summary>
public abstract class ProfileBehaviour(UnderstandingHost host)
{
    private static Identity Email(string value) => new() { Kind = IdentityKind.Email, Value = value };

    private static Identity Phone(string value) => new() { Kind = IdentityKind.Phone, Value = value };

    private static Identity Device(string value) => new() { Kind = IdentityKind.Device, Value = value };

    private Task<Profile> CreateAsync(string tenant, string customerId, params Identity[] identities) =>
        host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = customerId, Identities = { identities } } }, As(tenant)).ResponseAsync;

    [Fact]
    public async Task Create_NormalisesIdentities_AndGetReturnsThem_WithAttributesAndConsent()
    {
        var tenant = NewTenant();
        var created = await host.Client.CreateProfileAsync(new CreateProfileRequest
        {
            Profile = new Profile
            {
                CustomerId = "ann",
                Identities = { Email("  Ann.Berg@Example.COM "), Phone("+49 (30) 123-45.67"), Phone("0044 20 7946 0958"), new Identity { Kind = IdentityKind.Account, Value = "ACC-17" } },
                Attributes = { ["tier"] = "gold" },
                Consents = { new Consent { Purpose = "analytics", Granted = true } },
            },
        }, As(tenant));

        var got = await host.Client.GetProfileAsync(new GetProfileRequest { CustomerId = "ann" }, As(tenant));
        Assert.Equal(created, got);
        Assert.Equal(
            ["email:ann.berg@example.com", "phone:+442079460958", "phone:+49301234567", "account:ACC-17"],
            got.Identities.Select(i => i.Kind.ToString().ToLowerInvariant() + ":" + i.Value));
        Assert.Equal("gold", got.Attributes["tier"]);
        var consent = Assert.Single(got.Consents);
        Assert.Equal(("analytics", true, ServiceHost.Start), (consent.Purpose, consent.Granted, consent.ChangedAt.ToDateTimeOffset()));
        Assert.False(got.Minimal);
    }

    [Fact]
    public async Task AnIdentity_BelongsToOneProfile_TheSecondIsRefusedNamingTheHolder_AndAnotherTenantMayUseIt()
    {
        var tenant = NewTenant();
        await CreateAsync(tenant, "ann", Email("ann@example.com"));

        var error = await Refused(() => CreateAsync(tenant, "bob", Email("ANN@example.com")));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal(("customer identity", "email:ann@example.com, held by customer ann"), (Resource(error).ResourceType, Resource(error).ResourceName));
        await Assert.ThrowsAsync<RpcException>(() => host.Client.GetProfileAsync(new GetProfileRequest { CustomerId = "bob" }, As(tenant)).ResponseAsync);
        var other = await CreateAsync(NewTenant(), "bob", Email("ann@example.com"));
        Assert.Equal("ann@example.com", Assert.Single(other.Identities).Value);
    }

    [Fact]
    public async Task ConcurrentProfiles_ClaimingOneIdentity_OneWins_TheOthersAreAlreadyExists()
    {
        var tenant = NewTenant();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await CreateAsync(tenant, "c" + i, Phone("+49 30 5550001"));
                return (StatusCode.OK, Holder: "");
            }
            catch (RpcException e)
            {
                return (e.StatusCode, Holder: Resource(e).ResourceName);
            }
        }));

        var winner = Assert.Single((await host.Client.ListProfilesAsync(new ListProfilesRequest { IdentityKind = IdentityKind.Phone, IdentityValue = "+4930 5550001" }, As(tenant))).Profiles).CustomerId;
        Assert.Equal(1, attempts.Count(a => a.Item1 == StatusCode.OK));
        Assert.All(attempts.Where(a => a.Item1 != StatusCode.OK), a => Assert.Equal((StatusCode.AlreadyExists, "phone:+49305550001, held by customer " + winner), a));
        Assert.Single((await host.Client.ListProfilesAsync(new ListProfilesRequest(), As(tenant))).Profiles);
    }

    [Fact]
    public async Task ASharedDevice_NeverMergesTwoPeople_TheSecondProfileIsRefusedAndBothStayApart()
    {
        var tenant = NewTenant();
        await CreateAsync(tenant, "ann", Device("tablet-7f"));
        await CreateAsync(tenant, "bob", Email("bob@example.com"));

        var error = await Refused(() => host.Client.UpdateIdentitiesAsync(new UpdateIdentitiesRequest { CustomerId = "bob", Add = { Device("tablet-7f") } }, As(tenant)).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("device:tablet-7f, held by customer ann", Resource(error).ResourceName);
        var profiles = await host.Client.ListProfilesAsync(new ListProfilesRequest(), As(tenant));
        Assert.Equal(["ann", "bob"], profiles.Profiles.Select(p => p.CustomerId));
        Assert.Empty(profiles.Profiles.SelectMany(p => p.MergedCustomerIds));
        Assert.Empty((await host.Client.ListMergesAsync(new ListMergesRequest(), As(tenant))).Merges);
    }

    [Fact]
    public async Task MalformedIdentities_AreInvalidArgument_NamingEachField()
    {
        var tenant = NewTenant();

        var error = await Refused(() => CreateAsync(tenant, "ann", Email("ann.example.com"), Phone("030 1234567"), Phone("+49 30 12ab"), new Identity { Value = "x" }, Email("ann@@example.com")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["profile.identities[0].value", "profile.identities[1].value", "profile.identities[2].value", "profile.identities[3].kind", "profile.identities[4].value"],
            Violations(error).Select(v => v.Field));
        Assert.StartsWith("Not an email address", Violations(error)[0].Description, StringComparison.Ordinal);
        Assert.StartsWith("Not a phone number", Violations(error)[1].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadProfileFields_AreInvalidArgument_WithFieldViolations()
    {
        var tenant = NewTenant();
        var profile = new Profile
        {
            CustomerId = new string('c', 101),
            Attributes = { ["Tier"] = "gold", ["note"] = new string('x', 501) },
            Consents = { new Consent { Purpose = "Stories!" } },
        };

        var error = await Refused(() => host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = profile }, As(tenant)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["profile.customer_id", "profile.attributes[Tier]", "profile.attributes[note]", "profile.consents[0].purpose"], Violations(error).Select(v => v.Field));
    }

    [Fact]
    public async Task UnknownCustomer_IsNotFound_OnEveryCallThatNamesOne()
    {
        var tenant = NewTenant();
        var calls = new Func<Task>[]
        {
            () => host.Client.GetProfileAsync(new GetProfileRequest { CustomerId = "nobody" }, As(tenant)).ResponseAsync,
            () => host.Client.UpdateAttributesAsync(new UpdateAttributesRequest { CustomerId = "nobody", Set = { ["a"] = "b" } }, As(tenant)).ResponseAsync,
            () => host.Client.UpdateIdentitiesAsync(new UpdateIdentitiesRequest { CustomerId = "nobody" }, As(tenant)).ResponseAsync,
            () => host.Client.SetConsentAsync(new SetConsentRequest { CustomerId = "nobody", Purpose = "contact" }, As(tenant)).ResponseAsync,
            () => host.Client.RecordInteractionAsync(new RecordInteractionRequest { Interaction = new Interaction { CustomerId = "nobody", Channel = "phone" } }, As(tenant)).ResponseAsync,
            () => host.Client.ListTimelineAsync(new ListTimelineRequest { CustomerId = "nobody" }, As(tenant)).ResponseAsync,
            () => host.Client.EraseCustomerAsync(new EraseCustomerRequest { CustomerId = "nobody" }, As(tenant)).ResponseAsync,
            () => host.Client.MergeProfilesAsync(new MergeProfilesRequest { IntoCustomerId = "nobody", FromCustomerId = "no-one", Reason = "same" }, As(tenant)).ResponseAsync,
        };

        foreach (var call in calls)
        {
            var error = await Refused(call);
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.Equal(("customer", "nobody"), (Resource(error).ResourceType, Resource(error).ResourceName));
        }
    }

    [Fact]
    public async Task Attributes_AreSetAndRemoved_OthersKept_AndTheLimitHolds()
    {
        var tenant = NewTenant();
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "ann", Attributes = { ["tier"] = "gold", ["city"] = "Berlin" } } }, As(tenant));

        var updated = await host.Client.UpdateAttributesAsync(new UpdateAttributesRequest { CustomerId = "ann", Set = { ["tier"] = "silver", ["language"] = "de" }, Remove = { "city" } }, As(tenant));
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "silver", ["language"] = "de" }, updated.Attributes);

        var many = new UpdateAttributesRequest { CustomerId = "ann" };
        for (var i = 0; i < 49; i++)
        {
            many.Set["a" + i] = "v";
        }

        var error = await Refused(() => host.Client.UpdateAttributesAsync(many, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(("set", "A profile holds at most 50 attributes; this would make 51."), Assert.Single(Violations(error)));
        Assert.Equal(2, (await host.Client.GetProfileAsync(new GetProfileRequest { CustomerId = "ann" }, As(tenant))).Attributes.Count);
    }

    [Fact]
    public async Task Consent_IsGrantedAndWithdrawn_EachWithItsTime()
    {
        var tenant = NewTenant();
        await CreateAsync(tenant, "ann");
        var granted = host.Clock.GetUtcNow();
        await host.Client.SetConsentAsync(new SetConsentRequest { CustomerId = "ann", Purpose = "stories", Granted = true }, As(tenant));
        await host.Client.SetConsentAsync(new SetConsentRequest { CustomerId = "ann", Purpose = "contact", Granted = true }, As(tenant));
        host.Clock.Advance(TimeSpan.FromHours(3));

        var profile = await host.Client.SetConsentAsync(new SetConsentRequest { CustomerId = "ann", Purpose = "stories", Granted = false }, As(tenant));

        Assert.Equal(
            [("contact", true, granted), ("stories", false, granted.AddHours(3))],
            profile.Consents.Select(c => (c.Purpose, c.Granted, c.ChangedAt.ToDateTimeOffset())));
        var error = await Refused(() => host.Client.SetConsentAsync(new SetConsentRequest { CustomerId = "ann", Purpose = "" }, As(tenant)).ResponseAsync);
        Assert.Equal("purpose", Assert.Single(Violations(error)).Field);
    }

    [Fact]
    public async Task List_IsPagedByCustomerId_AndFindsTheHolderOfAnIdentity()
    {
        var tenant = NewTenant();
        for (var i = 1; i <= 5; i++)
        {
            await CreateAsync(tenant, "c" + i, Email($"c{i}@example.com"));
        }

        var first = await host.Client.ListProfilesAsync(new ListProfilesRequest { PageSize = 2 }, As(tenant));
        var second = await host.Client.ListProfilesAsync(new ListProfilesRequest { PageSize = 2, PageToken = first.NextPageToken }, As(tenant));
        var third = await host.Client.ListProfilesAsync(new ListProfilesRequest { PageSize = 2, PageToken = second.NextPageToken }, As(tenant));
        Assert.Equal(["c1", "c2", "c3", "c4", "c5"], first.Profiles.Concat(second.Profiles).Concat(third.Profiles).Select(p => p.CustomerId));
        Assert.Equal(string.Empty, third.NextPageToken);

        var found = await host.Client.ListProfilesAsync(new ListProfilesRequest { IdentityKind = IdentityKind.Email, IdentityValue = "C4@Example.com" }, As(tenant));
        Assert.Equal("c4", Assert.Single(found.Profiles).CustomerId);
        var error = await Refused(() => host.Client.ListProfilesAsync(new ListProfilesRequest { IdentityValue = "c4@example.com" }, As(tenant)).ResponseAsync);
        Assert.Equal("identity_kind", Assert.Single(Violations(error)).Field);
    }

    [Fact]
    public async Task Import_CreatesUpdatesAndRejectsEachProfileAlone_AndTheSameBatchAgainChangesNothing()
    {
        var tenant = NewTenant();
        await CreateAsync(tenant, "held", Email("taken@example.com"));
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "old", Attributes = { ["tier"] = "gold" } } }, As(tenant));
        var batch = new ImportProfilesRequest
        {
            Profiles =
            {
                new Profile { CustomerId = "new", Identities = { Email("new@example.com") }, Consents = { new Consent { Purpose = "contact", Granted = true } } },
                new Profile { CustomerId = "old", Identities = { Phone("+1 415 555 0100") }, Attributes = { ["tier"] = "silver" } },
                new Profile { CustomerId = "thief", Identities = { Email("TAKEN@example.com") } },
                new Profile { CustomerId = "bad", Identities = { Email("nope") } },
                new Profile { CustomerId = "new" },
            },
        };

        var results = (await host.Client.ImportProfilesAsync(batch, As(tenant))).Results;

        Assert.Equal(
            [
                ("new", ImportOutcome.Created, "", ""),
                ("old", ImportOutcome.Updated, "", ""),
                ("thief", ImportOutcome.Rejected, "identities[0].value", "email:taken@example.com is held by customer held."),
                ("bad", ImportOutcome.Rejected, "identities[0].value", "Not an email address: one '@', a domain with a dot, no spaces."),
                ("new", ImportOutcome.Rejected, "customer_id", "Given more than once in this batch: each customer once."),
            ],
            results.Select(r => (r.CustomerId, r.Outcome, r.Field, r.Error)));
        var old = await host.Client.GetProfileAsync(new GetProfileRequest { CustomerId = "old" }, As(tenant));
        Assert.Equal(("silver", "+14155550100"), (old.Attributes["tier"], Assert.Single(old.Identities).Value));

        batch.Profiles.RemoveAt(4);
        var again = (await host.Client.ImportProfilesAsync(batch, As(tenant))).Results;
        Assert.Equal([ImportOutcome.Unchanged, ImportOutcome.Unchanged, ImportOutcome.Rejected, ImportOutcome.Rejected], again.Select(r => r.Outcome));
        Assert.Equal(["held", "new", "old"], (await host.Client.ListProfilesAsync(new ListProfilesRequest(), As(tenant))).Profiles.Select(p => p.CustomerId));
    }

    [Fact]
    public async Task Import_TakesAThousandProfilesACall_AndRefusesMore()
    {
        var tenant = NewTenant();
        var batch = new ImportProfilesRequest();
        for (var i = 0; i < 1_000; i++)
        {
            batch.Profiles.Add(new Profile { CustomerId = $"c{i:D4}", Identities = { Email($"c{i}@example.com") } });
        }

        var results = (await host.Client.ImportProfilesAsync(batch, As(tenant))).Results;
        Assert.Equal(1_000, results.Count(r => r.Outcome == ImportOutcome.Created));

        batch.Profiles.Add(new Profile { CustomerId = "one-more" });
        var error = await Refused(() => host.Client.ImportProfilesAsync(batch, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(("profiles", "Between 1 and 1,000 profiles a call."), Assert.Single(Violations(error)));
    }
}
