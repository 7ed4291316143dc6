using Cx.Culture.V1;
using Cx.Events.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Testing.Hosting.Refusals;
using CommonV1 = Cx.Common.V1;

namespace Cx.Culture.Tests;

/// <summary>The rituals: each team's weekly customer moment and each manager's monthly digest, written once their period ends.</summary>
public sealed class RitualTests(CultureHost host) : IClassFixture<CultureHost>
{
    private static readonly DateTimeOffset WeekStart = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Digests_AreWrittenOncePerPeriod_FromWhatWasAwarded_WithTheCustomersOwnWordsFirst()
    {
        // The host's clock starts on Monday 23 November 2026, 12:00 UTC.
        var tenant = NewTenant();
        var quiet = NewTenant();
        await Org.CreateAsync(host, tenant, Org.Settings(autoApprove: true));
        await Org.CreateAsync(host, quiet, Org.Settings());
        foreach (var id in new[] { Org.Agent, Org.Colleague })
        {
            var employee = await host.Client.GetEmployeeAsync(new GetEmployeeRequest { EmployeeId = id }, CultureHost.As(tenant));
            employee.AcceptsAutomatically = true;
            await host.Client.PutEmployeeAsync(new PutEmployeeRequest { Employee = employee }, CultureHost.As(tenant));
        }

        host.Clock.Advance(TimeSpan.FromDays(2));
        await host.DeliverAsync(tenant, "words", Praise("f-1:0", Org.Agent, "Li Wei was so patient with me.", redacted: false, WeekStart.AddDays(1).AddHours(10)));
        await host.DeliverAsync(tenant, "redacted", Praise("f-2:0", Org.Colleague, "… Anna …", redacted: true, WeekStart.AddDays(2).AddHours(9)));
        await host.DeliverAsync(tenant, "last-week", Praise("f-3:0", Org.Agent, "Thank you Li Wei.", redacted: false, WeekStart.AddDays(-2)));
        var kudos = await host.Client.GiveRecognitionAsync(new GiveRecognitionRequest { RequestId = "k-1", EmployeeId = Org.Agent, Points = 30, ValueIds = { "one-team" }, Message = "Thanks for the cover." }, CultureHost.As(tenant, Org.Login(Org.Colleague)));

        // The week before ended already: its moment is the praise of 21 November, awarded now, in the week after.
        Assert.Equal(1, await host.WriteDigestsAsync());
        var before = Assert.Single((await host.Client.ListRitualDigestsAsync(new ListRitualDigestsRequest(), CultureHost.As(tenant))).Digests);
        Assert.Equal((WeekStart.AddDays(-7), "Thank you Li Wei.", 0), (before.PeriodStart.ToDateTimeOffset(), before.Moment.Quote, before.RecognitionCount));

        host.Clock.Advance(TimeSpan.FromDays(4).Add(TimeSpan.FromHours(13)));
        var weekly = await host.WriteDigestsAsync();
        var again = await host.WriteDigestsAsync();

        Assert.Equal((1, 0), (weekly, again));
        var digests = (await host.Client.ListRitualDigestsAsync(new ListRitualDigestsRequest { TeamId = Org.Team, PageSize = 1 }, CultureHost.As(tenant)));
        var digest = Assert.Single(digests.Digests);
        Assert.Equal(before, Assert.Single((await host.Client.ListRitualDigestsAsync(new ListRitualDigestsRequest { TeamId = Org.Team, PageToken = digests.NextPageToken }, CultureHost.As(tenant))).Digests));
        Assert.Equal((CommonV1.RitualKind.WeeklyCustomerMoment, Org.Team, Org.Lead, WeekStart, WeekStart.AddDays(7)), (digest.Kind, digest.TeamId, digest.ManagerId, digest.PeriodStart.ToDateTimeOffset(), digest.PeriodEnd.ToDateTimeOffset()));
        Assert.Equal(("Li Wei was so patient with me.", false, Org.Agent, "resolve"), (digest.Moment.Quote, digest.Moment.QuoteRedacted, digest.Moment.EmployeeId, digest.Moment.JourneyStepId));
        Assert.Equal((4, 30L + (3 * 20)), (digest.RecognitionCount, digest.Points));
        Assert.Equal((kudos.RecognitionId, "Li Wei", 30, "Thanks for the cover."), (digest.Recognitions[0].RecognitionId, digest.Recognitions[0].DisplayName, digest.Recognitions[0].Points, digest.Recognitions[0].Message));
        Assert.Empty((await host.Client.ListRitualDigestsAsync(new ListRitualDigestsRequest(), CultureHost.As(quiet))).Digests);

        var ready = (await Announced(tenant)).Single(r => r.DigestId == digest.DigestId);
        Assert.Equal((digest.DigestId, "Support north: the week of 23 November 2026", "Li Wei was so patient with me.", 4, 90L), (ready.DigestId, ready.Headline, ready.MomentQuote, ready.RecognitionCount, ready.Points));
        Assert.Equal(4, ready.Highlights.Count);

        // The first of December: November's digest for Grace, whose people received all of it; María's only report, Grace, received nothing.
        host.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await host.WriteDigestsAsync());
        var monthly = Assert.Single((await host.Client.ListRitualDigestsAsync(new ListRitualDigestsRequest { Kind = CommonV1.RitualKind.MonthlyManagerDigest }, CultureHost.As(tenant))).Digests);
        Assert.Equal((Org.Lead, string.Empty, 4, 90L, null), (monthly.ManagerId, monthly.TeamId, monthly.RecognitionCount, monthly.Points, monthly.Moment));
        Assert.Equal(monthly, await host.Client.GetRitualDigestAsync(new GetRitualDigestRequest { DigestId = monthly.DigestId }, CultureHost.As(tenant)));
        Assert.Equal("Grace Ho's people in November 2026", (await Announced(tenant)).Last().Headline);

        var otherTenant = await Refused(() => host.Client.GetRitualDigestAsync(new GetRitualDigestRequest { DigestId = monthly.DigestId }, CultureHost.As(quiet)).ResponseAsync);
        var bad = await Refused(() => host.Client.ListRitualDigestsAsync(new ListRitualDigestsRequest { Kind = (CommonV1.RitualKind)7, TeamId = "a b" }, CultureHost.As(tenant)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, otherTenant.StatusCode);
        Assert.Equal(["kind", "team_id"], Violations(bad).Select(v => v.Field).ToArray());
    }

    private static PraiseDetected Praise(string feedbackId, string employeeId, string quote, bool redacted, DateTimeOffset occurredAt)
    {
        var praise = CustomerRecognitionBehaviour.Praise(feedbackId, employeeId);
        (praise.Quote, praise.QuoteRedacted) = (quote, redacted);
        praise.Context.OccurredAt = Timestamp.FromDateTimeOffset(occurredAt);
        return praise;
    }

    private async Task<List<RitualDigestReady>> Announced(string tenant) =>
        (await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.culture.ritual_digest_ready.v1").OrderBy(m => m.Sequence).Select(m => m.Data).ToListAsync()))
            .Select(RitualDigestReady.Parser.ParseJson).ToList();
}
