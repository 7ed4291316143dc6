using Cx.Common.V1;
using Cx.Events.V1;
using Cx.Understanding.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

public sealed class NamesTests(UnderstandingHost host) : NamesBehaviour(host), IClassFixture<UnderstandingHost>;

public sealed class NamesPostgreSqlTests(PostgreSqlUnderstandingHost host) : NamesBehaviour(host), IClassFixture<PostgreSqlUnderstandingHost>;

/// <summary>The names customers write for employees and teams, set as one versioned list and used to find whom they praise.</summary>
public abstract class NamesBehaviour(UnderstandingHost host)
{
    private static NameEntry Employee(string id, string team, params string[] names) => new() { EmployeeId = id, TeamId = team, Names = { names } };

    private static NameEntry Team(string id, params string[] names) => new() { TeamId = id, Names = { names } };

    private Task<NameList> SetAsync(string tenant, IEnumerable<NameEntry> entries, long? expected = null, string actor = "maria")
    {
        var request = new SetNamesRequest { Entries = { entries } };
        if (expected is { } version)
        {
            request.ExpectedVersion = version;
        }

        return host.Client.SetNamesAsync(request, As(tenant, actor)).ResponseAsync;
    }

    [Fact]
    public async Task TheList_IsSetWhole_Versioned_AndReadBackOrderedById()
    {
        var tenant = NewTenant();
        Assert.Equal(new NameList(), await host.Client.ListNamesAsync(new ListNamesRequest(), As(tenant)));

        var first = await SetAsync(tenant, [Employee("agent-2", "support-north", "Anna", "安娜"), Team("leeds", "Leeds depot"), Employee("agent-1", "support-north", " Li Wei ", "小李")], expected: 0);
        var same = await SetAsync(tenant, [Employee("agent-1", "support-north", "Li Wei", "小李"), Employee("agent-2", "support-north", "Anna", "安娜"), Team("leeds", "Leeds depot")]);
        var second = await SetAsync(tenant, [Employee("agent-1", "support-south", "Li Wei", "Wei"), Team("leeds", "Leeds depot", "利兹仓库")], expected: 1, actor: "lee");

        Assert.Equal(
            [("agent-1", "support-north", "Li Wei,小李"), ("agent-2", "support-north", "Anna,安娜"), ("", "leeds", "Leeds depot")],
            first.Entries.Select(e => (e.EmployeeId, e.TeamId, string.Join(",", e.Names))));
        Assert.Equal((1L, "maria"), (first.Version, first.CreatedBy));
        Assert.Equal(first, same);
        Assert.Equal((2L, "lee"), (second.Version, second.CreatedBy));
        Assert.Equal(
            [("agent-1", "support-south", "Li Wei,Wei"), ("", "leeds", "Leeds depot,利兹仓库")],
            second.Entries.Select(e => (e.EmployeeId, e.TeamId, string.Join(",", e.Names))));
        Assert.Equal(second, await host.Client.ListNamesAsync(new ListNamesRequest(), As(tenant)));
        Assert.Equal(
            ["Leeds depot", "Li Wei", "Wei", "利兹仓库"],
            await host.ReadAsync(tenant, db => db.Names.OrderBy(n => n.Name).Select(n => n.Name).ToListAsync()));
    }

    [Fact]
    public async Task AStaleExpectedVersion_IsAborted_AndChangesNothing()
    {
        var tenant = NewTenant();
        await SetAsync(tenant, [Employee("agent-1", "", "Li Wei")], expected: 0);

        var stale = await Refused(() => SetAsync(tenant, [Employee("agent-1", "", "Wei")], expected: 0));

        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal("1", stale.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["current_version"]);
        Assert.Equal(["Li Wei"], (await host.Client.ListNamesAsync(new ListNamesRequest(), As(tenant))).Entries.SelectMany(e => e.Names));
    }

    [Fact]
    public async Task AnAmbiguousOrMalformedList_IsInvalid_EachFaultNamedByItsField()
    {
        var tenant = NewTenant();

        var error = await Refused(() => SetAsync(tenant,
        [
            Employee("agent-1", "north", "Anna", "Li Wei"),
            Employee("agent-2", "north", "anna"),
            Employee("agent-1", "north", "A. Li"),
            Team("", "Leeds depot"),
            Team("north", "North", "North"),
            Team("north", "Northern team"),
            Employee("agent-3", "", "  "),
            Employee("agent-4", ""),
            Employee(" agent-5", "", "Tom"),
        ]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            [
                ("entries[1].names[0]", "'anna' already names entries[0]: a name names one employee or team."),
                ("entries[2].employee_id", "The employee 'agent-1' is listed twice (first at entries[0])."),
                ("entries[3].team_id", "Required for an entry without employee_id: the team it names."),
                ("entries[4].names[1]", "'North' is given twice for this entry."),
                ("entries[5].team_id", "The team 'north' is listed twice (first at entries[4])."),
                ("entries[6].names[0]", "Required, at most 100 characters."),
                ("entries[7].names", "From 1 to 20 names."),
                ("entries[8].employee_id", "At most 100 characters, without spaces around it."),
            ],
            Violations(error));
        Assert.Equal(0L, (await host.Client.ListNamesAsync(new ListNamesRequest(), As(tenant))).Version);
    }

    [Fact]
    public async Task PraiseIsFound_ByTheNamesSetThroughTheApi()
    {
        var tenant = NewTenant();
        await SetAsync(tenant, [Employee("agent-7", "support-east", "Zhou Lei", "周磊"), Team("leeds", "Leeds depot")]);

        await host.DeliverAsync(tenant, "e-1", new ResponseRecorded
        {
            ResponseId = "r-1",
            Context = new ResponseContext { CustomerId = "ann", JourneyId = "online-purchase", JourneyStepId = "support", OccurredAt = Timestamp.FromDateTime(new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc)) },
            Comments = { new Comment { Text = "周磊很耐心，一次就帮我解决了。", Language = "zh-CN" }, new Comment { Text = "Thank you, the Leeds depot was brilliant.", Language = "en" } },
        });

        var praise = (await host.ReadAsync(tenant, db => db.Outbox.Where(m => m.TenantId == tenant && m.Type == "cx.understanding.praise_detected.v1").OrderBy(m => m.Sequence).ToListAsync()))
            .Select(m => PraiseDetected.Parser.ParseJson(m.Data)).ToList();
        Assert.Equal([("r-1:0", "agent-7", "support-east", "周磊"), ("r-1:1", "", "leeds", "Leeds depot")], praise.Select(p => (p.FeedbackId, p.EmployeeId, p.TeamId, p.Name)));
    }
}
