using System.Data.Common;
using Cx.Common.V1;
using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Understanding.Data;
using Cx.Understanding.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Cx.Understanding.Tests.Calls;

namespace Cx.Understanding.Tests;

public sealed class ErasureTests(UnderstandingHost host) : ErasureBehaviour(host), IClassFixture<UnderstandingHost>;

public sealed class ErasurePostgreSqlTests(PostgreSqlUnderstandingHost host) : ErasureBehaviour(host), IClassFixture<PostgreSqlUnderstandingHost>;

/// <summary>Erasure leaves nothing behind: every table of the service's database is read, on SQLite and on a real PostgreSQL.</summary>
public abstract class ErasureBehaviour(UnderstandingHost host)
{
    /// <summary>Everything that names the customer: the ids, and every identity value as given and as stored.</summary>
    private static readonly string[] Mentions = ["zoe-4711", "zoe-4711-old", "zoe.quist@example.org", "+4930987654321", "zoe-tablet-93", "zoe-acct-55", ZoesComment];

    /// <summary>What Zoe wrote: her words, kept enriched until she is erased.</summary>
    private const string ZoesComment = "The courier left my parcel in the rain again.";

    private async Task<string> TenantWithZoeAsync()
    {
        var tenant = NewTenant();

        // Segments she is a member of: by an attribute, and by her score.
        await host.Client.CreateSegmentAsync(new CreateSegmentRequest { Segment = new Segment { SegmentId = "gold", Name = "Gold", Rule = new SegmentRule { AllOf = { new SegmentCondition { Attribute = new AttributeCondition { Key = "tier", Operator = AttributeOperator.Equals, Values = { "gold" } } } } } } }, As(tenant));
        await host.Client.CreateSegmentAsync(new CreateSegmentRequest { Segment = new Segment { SegmentId = "detractors", Name = "Detractors", Rule = new SegmentRule { AllOf = { new SegmentCondition { Score = new ScoreCondition { MetricId = "nps", MinScore = 0, MaxScore = 6, WindowDays = 365 } } } } } }, As(tenant));
        await host.Client.CreateProfileAsync(new CreateProfileRequest
        {
            Profile = new Profile
            {
                CustomerId = "zoe-4711",
                Identities = { new Identity { Kind = IdentityKind.Email, Value = "Zoe.Quist@example.org" }, new Identity { Kind = IdentityKind.Phone, Value = "+49 30 987654321" } },
                Attributes = { ["tier"] = "gold" },
                Consents = { new Consent { Purpose = "analytics", Granted = true } },
            },
        }, As(tenant));
        await host.Client.CreateProfileAsync(new CreateProfileRequest
        {
            Profile = new Profile { CustomerId = "zoe-4711-old", Identities = { new Identity { Kind = IdentityKind.Device, Value = "zoe-tablet-93" }, new Identity { Kind = IdentityKind.Account, Value = "zoe-acct-55" } } },
        }, As(tenant));
        await host.Client.RecordInteractionAsync(new RecordInteractionRequest { Interaction = new Interaction { CustomerId = "zoe-4711-old", Channel = "chat", Summary = "zoe-4711-old asked about zoe.quist@example.org", ExternalId = "chat-1" } }, As(tenant));
        await host.Client.RecordInteractionAsync(new RecordInteractionRequest { Interaction = new Interaction { CustomerId = "zoe-4711", Channel = "phone", ExternalId = "call-1" } }, As(tenant));
        await host.DeliverAsync(tenant, "e-1", new ResponseRecorded { ResponseId = "r-1", Context = new ResponseContext { CustomerId = "zoe-4711", Channel = "web" }, Answers = { new Answer { MetricId = "nps", Score = 2 } }, Comments = { new Comment { Text = ZoesComment, Language = "en" } } });
        await host.DeliverAsync(tenant, "e-2", new CaseOpened { CaseId = "case-1", CustomerId = "zoe-4711" });
        var merge = await host.Client.MergeProfilesAsync(new MergeProfilesRequest { IntoCustomerId = "zoe-4711", FromCustomerId = "zoe-4711-old", Reason = "zoe-4711-old is zoe.quist@example.org" }, As(tenant));
        await host.Client.UnmergeProfilesAsync(new UnmergeProfilesRequest { MergeId = merge.MergeId, Reason = "undo" }, As(tenant));
        await host.Client.MergeProfilesAsync(new MergeProfilesRequest { IntoCustomerId = "zoe-4711", FromCustomerId = "zoe-4711-old", Reason = "again" }, As(tenant));

        // Someone else, who must stay.
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "other", Identities = { new Identity { Kind = IdentityKind.Email, Value = "other@example.org" } } } }, As(tenant));
        await host.Client.RecordInteractionAsync(new RecordInteractionRequest { Interaction = new Interaction { CustomerId = "other", Channel = "email", ExternalId = "mail-1" } }, As(tenant));
        return tenant;
    }

    /// <summary>
    /// Every row of every table the service's model maps, as text, column by column; rows of other
    /// tenants (the other tests' customers of the same names) are left out, rows of tables without
    /// a tenant (the inbox, the dead letters) are all kept.
    /// </summary>
    private Task<List<string>> EveryCellAsync(string tenant) => host.ReadAsync(tenant, async db =>
    {
        var tables = db.Model.GetEntityTypes().Select(e => (e.GetSchema(), e.GetTableName())).Where(t => t.Item2 is not null).Distinct().ToList();
        Assert.Equal(["cx_dead_letters", "cx_inbox", "cx_outbox", "driver_analyses", "erasures", "feedback", "identities", "insights", "merge_feedback_moves", "merge_moves", "merges", "name_lists", "names", "pain_points", "persona_segments", "personas", "profiles", "score_facts", "segment_dependencies", "segment_history", "segment_members", "segments", "taxonomies", "timeline_entries"], tables.Select(t => t.Item2!).Order(StringComparer.Ordinal));
        var cells = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var (schema, table) in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT * FROM " + (schema is null ? string.Empty : $"\"{schema}\".") + $"\"{table}\"";
                await using DbDataReader reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var row = Enumerable.Range(0, reader.FieldCount).Select(i => (Name: reader.GetName(i), Value: Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)).ToList();
                    if (row.All(c => c.Name != "TenantId" || c.Value == tenant))
                    {
                        cells.AddRange(row.Select(c => $"{table}.{c.Name}={c.Value}"));
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return cells;
    });

    [Fact]
    public async Task Erase_LeavesNoRowMentioningTheCustomer_InAnyTable_AndOthersStay()
    {
        var tenant = await TenantWithZoeAsync();
        var before = await EveryCellAsync(tenant);
        foreach (var mention in Mentions)
        {
            Assert.Contains(before, cell => cell.Contains(mention, StringComparison.Ordinal));
        }

        foreach (var table in new[] { "segment_members", "segment_history", "score_facts" })
        {
            Assert.Contains(before, cell => cell.StartsWith(table + ".CustomerId=zoe-4711", StringComparison.Ordinal));
        }

        var erased = await host.Client.EraseCustomerAsync(new EraseCustomerRequest { CustomerId = "zoe-4711" }, As(tenant));

        Assert.Equal((4, 2), (erased.TimelineEntries, erased.Merges));
        var after = await EveryCellAsync(tenant);
        foreach (var mention in Mentions)
        {
            Assert.DoesNotContain(after, cell => cell.Contains(mention, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Contains(after, cell => cell.Contains("other@example.org", StringComparison.Ordinal));
        Assert.Equal(["mail-1"], (await host.Client.ListTimelineAsync(new ListTimelineRequest { CustomerId = "other" }, As(tenant))).Entries.Select(e => e.SourceId));
        foreach (var id in new[] { "zoe-4711", "zoe-4711-old" })
        {
            Assert.Equal(StatusCode.NotFound, (await Refused(() => host.Client.GetProfileAsync(new GetProfileRequest { CustomerId = id }, As(tenant)).ResponseAsync)).StatusCode);
        }

        // The identities are free again.
        await host.Client.CreateProfileAsync(new CreateProfileRequest { Profile = new Profile { CustomerId = "new", Identities = { new Identity { Kind = IdentityKind.Email, Value = "zoe.quist@example.org" } } } }, As(tenant));
    }

    [Fact]
    public async Task AnEventAboutAnErasedCustomer_ArrivingLater_DoesNotBringThemBack()
    {
        var tenant = await TenantWithZoeAsync();
        await host.Client.EraseCustomerAsync(new EraseCustomerRequest { CustomerId = "zoe-4711-old" }, As(tenant));

        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-late", new ResponseRecorded { ResponseId = "r-9", Context = new ResponseContext { CustomerId = "zoe-4711", OccurredAt = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow()) }, Comments = { new Comment { Text = ZoesComment, Language = "en" } } })).Verdict);
        Assert.Equal(DeliveryVerdict.Success, (await host.DeliverAsync(tenant, "e-late-2", new CaseClosed { CaseId = "case-1", CustomerId = "zoe-4711-old" })).Verdict);

        Assert.Equal(["other"], (await host.Client.ListProfilesAsync(new ListProfilesRequest(), As(tenant))).Profiles.Select(p => p.CustomerId));
        Assert.Equal(1, await host.ReadAsync(tenant, db => db.Timeline.CountAsync()));
        Assert.Equal(0, await host.ReadAsync(tenant, db => db.Feedback.CountAsync()));
    }

    [Fact]
    public async Task EraseNeedsAdmin()
    {
        var tenant = await TenantWithZoeAsync();

        var error = await Refused(() => host.Client.EraseCustomerAsync(new EraseCustomerRequest { CustomerId = "zoe-4711" }, TestIdentity.For("understanding", tenant, "maria", ["understanding:write"])).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("zoe-4711", (await host.Client.GetProfileAsync(new GetProfileRequest { CustomerId = "zoe-4711" }, As(tenant))).CustomerId);
    }
}
