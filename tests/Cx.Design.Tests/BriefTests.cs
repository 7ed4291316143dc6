using Cx.Design.V1;
using Grpc.Core;
using static Cx.Design.Tests.DesignHost;
using static Cx.Testing.Hosting.Refusals;

namespace Cx.Design.Tests;

/// <summary>Design briefs by the five steps, for a to-be journey: checked whole, and against the journey they design.</summary>
public sealed class BriefTests(DesignHost host) : IClassFixture<DesignHost>
{
    private static Journey ToBe()
    {
        var journey = JourneyBehaviour.Purchase("Online purchase (to be)");
        journey.JourneyId = "online-purchase-to-be";
        journey.State = JourneyState.ToBe;
        journey.AsIsJourneyId = "online-purchase";
        return journey;
    }

    internal static DesignBrief Brief(string id = "told-before-they-ask") => new()
    {
        BriefId = id,
        Title = "Told before they ask",
        JourneyId = "online-purchase-to-be",
        PainPointIds = { "late-delivery" },
        Positioning = new BriefPositioning { PersonaIds = { "anxious-chaser" }, SegmentIds = { "frequent-contacts" }, Statement = "For customers who chase a late parcel: the one who tells them first." },
        Scenarios = { new BriefScenario { Title = "The parcel will be a day late", Description = "Evening before the promised day; the customer is at work.", StepIds = { "delivery" } } },
        CoreConcerns = { "Knowing when it will really arrive", "Not having to call" },
        Ideas = { new BriefIdea { Title = "Delay notice by SMS", Description = "A new date and a link to change it.", StepIds = { "delivery" }, AnswersConcerns = { 0, 1 } } },
        Senses = new SensesStrategy { Sight = "A calm message, the new date first", Touch = "One tap to change the date" },
    };

    private async Task<string> TenantAsync()
    {
        var tenant = NewTenant();
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = JourneyBehaviour.Purchase() }, As(tenant));
        await host.Client.CreateJourneyAsync(new CreateJourneyRequest { Journey = ToBe() }, As(tenant));
        return tenant;
    }

    [Fact]
    public async Task ABrief_IsWrittenReadListedAndRewritten_AtTheRevisionItWasRead()
    {
        var tenant = await TenantAsync();

        var created = await host.Client.CreateBriefAsync(new CreateBriefRequest { Brief = Brief() }, As(tenant, "li.na"));

        Assert.Equal((1L, "li.na"), (created.Revision, created.CreatedBy));
        var stored = created.Clone();
        (stored.Revision, stored.CreatedAt, stored.CreatedBy, stored.UpdatedAt, stored.UpdatedBy) = (0, null, string.Empty, null, string.Empty);
        Assert.Equal(Brief(), stored);
        Assert.Equal(created, await host.Client.GetBriefAsync(new GetBriefRequest { BriefId = "told-before-they-ask" }, As(tenant)));

        var other = Brief("one-answer");
        other.PainPointIds.Clear();
        other.PainPointIds.Add("rude-courier");
        await host.Client.CreateBriefAsync(new CreateBriefRequest { Brief = other }, As(tenant));
        var answering = await host.Client.ListBriefsAsync(new ListBriefsRequest { PainPointId = "late-delivery" }, As(tenant));
        Assert.Equal(["told-before-they-ask"], answering.Briefs.Select(b => b.BriefId));
        var page = await host.Client.ListBriefsAsync(new ListBriefsRequest { JourneyId = "online-purchase-to-be", PageSize = 1 }, As(tenant));
        var next = await host.Client.ListBriefsAsync(new ListBriefsRequest { JourneyId = "online-purchase-to-be", PageSize = 1, PageToken = page.NextPageToken }, As(tenant));
        Assert.Equal(["one-answer", "told-before-they-ask"], page.Briefs.Concat(next.Briefs).Select(b => b.BriefId));

        var rewritten = Brief();
        rewritten.Senses.Sound = "No ringing: a message, not a call";
        var updated = await host.Client.UpdateBriefAsync(new UpdateBriefRequest { Brief = rewritten, ExpectedRevision = 1 }, As(tenant, "aiko"));
        Assert.Equal((2L, "aiko", "No ringing: a message, not a call"), (updated.Revision, updated.UpdatedBy, updated.Senses.Sound));
        var stale = await Refused(() => host.Client.UpdateBriefAsync(new UpdateBriefRequest { Brief = Brief(), ExpectedRevision = 1 }, As(tenant)).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "REVISION_MISMATCH"), (stale.StatusCode, Precondition(stale).Type));

        var hidden = await Refused(() => host.Client.GetBriefAsync(new GetBriefRequest { BriefId = "told-before-they-ask" }, As(NewTenant())).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task ABriefOutOfShape_IsRefusedNamingEachField_AndNothingIsKept()
    {
        var tenant = await TenantAsync();
        var bad = Brief();
        bad.Title = "";
        bad.Positioning.PersonaIds.Clear();
        bad.Positioning.SegmentIds.Clear();
        bad.CoreConcerns.Clear();
        bad.Ideas[0].AnswersConcerns.Add(5);
        bad.Senses = new SensesStrategy();

        var refused = await Refused(() => host.Client.CreateBriefAsync(new CreateBriefRequest { Brief = bad }, As(tenant)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["brief.title", "brief.core_concerns", "brief.senses", "brief.positioning", "brief.ideas[0].answers_concerns"], Violations(refused).Select(v => v.Field));

        // Against the journey: its personas and the steps of its latest version.
        var strange = Brief();
        strange.Positioning.PersonaIds.Add("loyal-advocate");
        strange.Scenarios[0].StepIds.Add("payment");
        var mismatch = await Refused(() => host.Client.CreateBriefAsync(new CreateBriefRequest { Brief = strange }, As(tenant)).ResponseAsync);
        Assert.Equal(["brief.positioning.persona_ids", "brief.scenarios[0].step_ids"], Violations(mismatch).Select(v => v.Field));

        var asIs = Brief();
        asIs.JourneyId = "online-purchase";
        var notToBe = await Refused(() => host.Client.CreateBriefAsync(new CreateBriefRequest { Brief = asIs }, As(tenant)).ResponseAsync);
        Assert.Equal((StatusCode.FailedPrecondition, "NOT_TO_BE"), (notToBe.StatusCode, Precondition(notToBe).Type));

        var nowhere = Brief();
        nowhere.JourneyId = "no-such-journey";
        var missing = await Refused(() => host.Client.CreateBriefAsync(new CreateBriefRequest { Brief = nowhere }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        Assert.Empty((await host.Client.ListBriefsAsync(new ListBriefsRequest(), As(tenant))).Briefs);
        await host.Client.CreateBriefAsync(new CreateBriefRequest { Brief = Brief() }, As(tenant));
        var taken = await Refused(() => host.Client.CreateBriefAsync(new CreateBriefRequest { Brief = Brief() }, As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
    }

    [Fact]
    public async Task ABrief_ExportedAsJson_ImportsBackExactly_AndOneOnAJourneyNotToBe_IsRejectedThere()
    {
        var source = await TenantAsync();
        var target = await TenantAsync();
        await host.Client.CreateBriefAsync(new CreateBriefRequest { Brief = Brief() }, As(source));
        var exported = await host.Client.ExportBriefAsync(new ExportBriefRequest { BriefId = "told-before-they-ask" }, As(source));
        Assert.Equal("application/json", exported.ContentType);
        var document = Google.Protobuf.JsonParser.Default.Parse<DesignBrief>(exported.Content);
        var onAsIs = Brief("on-as-is");
        onAsIs.JourneyId = "online-purchase";
        var outOfShape = Brief("out-of-shape");
        outOfShape.Ideas.Clear();

        var first = await host.Client.ImportBriefsAsync(new ImportBriefsRequest { Briefs = { document, onAsIs, outOfShape } }, As(target));
        var again = await host.Client.ImportBriefsAsync(new ImportBriefsRequest { Briefs = { document } }, As(target));
        var roundTrip = await host.Client.ExportBriefAsync(new ExportBriefRequest { BriefId = "told-before-they-ask" }, As(target));
        var changed = document.Clone();
        changed.CoreConcerns.Add("Keeping the parcel safe when nobody is home");
        var third = await host.Client.ImportBriefsAsync(new ImportBriefsRequest { Briefs = { changed } }, As(target));

        Assert.Equal(
            [("told-before-they-ask", JourneyImportOutcome.Created, 1L, ""), ("on-as-is", JourneyImportOutcome.Rejected, 0L, "brief.journey_id"), ("out-of-shape", JourneyImportOutcome.Rejected, 0L, "brief.ideas")],
            first.Results.Select(r => (r.BriefId, r.Outcome, r.Revision, r.Field)));
        Assert.Contains("a brief designs a to-be journey", first.Results[1].Error, StringComparison.Ordinal);
        Assert.Equal((JourneyImportOutcome.Unchanged, 1L), (again.Results[0].Outcome, again.Results[0].Revision));
        Assert.Equal((JourneyImportOutcome.Updated, 2L), (third.Results[0].Outcome, third.Results[0].Revision));
        Assert.Equal(exported.Content, roundTrip.Content);
        var duplicate = await Refused(() => host.Client.ImportBriefsAsync(new ImportBriefsRequest { Briefs = { document, document } }, As(target)).ResponseAsync);
        Assert.Equal(["briefs"], Violations(duplicate).Select(v => v.Field));
    }
}
