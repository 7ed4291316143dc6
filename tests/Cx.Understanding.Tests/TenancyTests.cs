using Cx.Understanding.V1;
using Grpc.Core;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

/// <summary>A tenant never sees, changes or erases another's customers, on any call.</summary>
public sealed class TenancyTests(UnderstandingHost host) : IClassFixture<UnderstandingHost>
{
    [Fact]
    public async Task EveryRead_OfAnotherTenantsCustomer_FindsNothing_AndEveryWriteIsNotFound()
    {
        var owner = NewTenant();
        var stranger = NewTenant();
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "ann", Identities = { new Identity { Kind = IdentityKind.Email, Value = "ann@example.com" } } } }, As(owner));
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "ann-2" } }, As(owner));
        await host.Client.RecordInteractionAsync(new RecordInteractionRequest { Interaction = new Interaction { CustomerId = "ann", Channel = "phone" } }, As(owner));
        var merge = await host.Client.MergeProfilesAsync(new MergeProfilesRequest { IntoCustomerId = "ann", FromCustomerId = "ann-2", Reason = "same" }, As(owner));

        Assert.Empty((await host.Client.ListProfilesAsync(new ListProfilesRequest(), As(stranger))).Profiles);
        Assert.Empty((await host.Client.ListProfilesAsync(new ListProfilesRequest { IdentityKind = IdentityKind.Email, IdentityValue = "ann@example.com" }, As(stranger))).Profiles);
        Assert.Empty((await host.Client.ListMergesAsync(new ListMergesRequest(), As(stranger))).Merges);
        Assert.Empty((await host.Client.ListMergesAsync(new ListMergesRequest { CustomerId = "ann" }, As(stranger))).Merges);
        var calls = new Func<Task>[]
        {
            () => host.Client.GetProfileAsync(new GetProfileRequest { CustomerId = "ann" }, As(stranger)).ResponseAsync,
            () => host.Client.ListTimelineAsync(new ListTimelineRequest { CustomerId = "ann" }, As(stranger)).ResponseAsync,
            () => host.Client.UpdateAttributesAsync(new UpdateAttributesRequest { CustomerId = "ann", Set = { ["a"] = "b" } }, As(stranger)).ResponseAsync,
            () => host.Client.SetConsentAsync(new SetConsentRequest { CustomerId = "ann", Purpose = "contact" }, As(stranger)).ResponseAsync,
            () => host.Client.RecordInteractionAsync(new RecordInteractionRequest { Interaction = new Interaction { CustomerId = "ann", Channel = "phone" } }, As(stranger)).ResponseAsync,
            () => host.Client.EraseCustomerAsync(new EraseCustomerRequest { CustomerId = "ann" }, As(stranger)).ResponseAsync,
            () => host.Client.UnmergeProfilesAsync(new UnmergeProfilesRequest { MergeId = merge.MergeId, Reason = "undo" }, As(stranger)).ResponseAsync,
        };
        foreach (var call in calls)
        {
            Assert.Equal(StatusCode.NotFound, (await Refused(call)).StatusCode);
        }

        // The stranger's own customer of the same id and identity is their own, beside the owner's.
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "ann", Identities = { new Identity { Kind = IdentityKind.Email, Value = "ann@example.com" } } } }, As(stranger));
        var owners = await host.Client.GetProfileAsync(new GetProfileRequest { CustomerId = "ann" }, As(owner));
        Assert.Equal(["ann-2"], owners.MergedCustomerIds);
        Assert.Single((await host.Client.ListTimelineAsync(new ListTimelineRequest { CustomerId = "ann" }, As(owner))).Entries);
        Assert.Empty((await host.Client.ListTimelineAsync(new ListTimelineRequest { CustomerId = "ann" }, As(stranger))).Entries);
    }
}
