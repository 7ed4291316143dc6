using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.Segments;
using Cx.Understanding.Domain.Timeline;
using Cx.Understanding.Profiles;
using Cx.Understanding.Segments;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Timeline;

/// <summary>
/// The customer's one history: interactions recorded through the API, and responses and cases
/// folded in from events. Each source is in it once (a unique key per source, besides the inbox),
/// so redeliveries and retries add nothing.
/// </summary>
internal sealed partial class TimelineApi(UnderstandingDb db, ProfilesApi profiles, SegmentUpkeep segments, TimeProvider clock)
{
    public async Task<V1.TimelineEntry> RecordAsync(V1.Interaction? interaction, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (interaction is null)
        {
            validator.Add("interaction", "Required.").ThrowIfInvalid();
        }

        Check(interaction!, "interaction.", validator);
        validator.ThrowIfInvalid();
        await profiles.FindAsync(interaction!.CustomerId, cancellationToken);
        return await segments.InTransactionAsync(async () =>
        {
            var (record, added) = await AddAsync(interaction, cancellationToken);
            await SaveAsync(record, cancellationToken);
            if (added)
            {
                await segments.CustomerChangedAsync(record.CustomerId, SegmentDependencies.OfContact(record.Channel), cancellationToken);
            }

            return ToContract(record);
        }, cancellationToken);
    }

    public static void Check(V1.Interaction interaction, string prefix, Validator validator) =>
        validator
            .Require(Identifier.IsReference(interaction.CustomerId), prefix + "customer_id", "Required, at most 100 characters.")
            .Require(Channels.IsWellFormed(interaction.Channel), prefix + "channel", Channels.Rule)
            .Require(interaction.JourneyId.Length == 0 || Identifier.IsReference(interaction.JourneyId), prefix + "journey_id", "At most 100 characters.")
            .Require(interaction.JourneyStepId.Length == 0 || Identifier.IsReference(interaction.JourneyStepId), prefix + "journey_step_id", "At most 100 characters.")
            .Require(interaction.JourneyStepId.Length == 0 || interaction.JourneyId.Length > 0, prefix + "journey_id", "Required with journey_step_id.")
            .Require(interaction.Summary.Length <= Channels.MaxSummary, prefix + "summary", $"At most {Channels.MaxSummary:N0} characters.")
            .Require(interaction.ExternalId.Length == 0 || Identifier.IsReference(interaction.ExternalId, 200), prefix + "external_id", "At most 200 characters.");

    /// <summary>Adds the interaction (raising interaction_recorded) unless its external id is already in the history; saved by the caller.</summary>
    public async Task<(TimelineEntryRecord Record, bool Added)> AddAsync(V1.Interaction interaction, CancellationToken cancellationToken)
    {
        var key = interaction.ExternalId.Length > 0 ? "interaction:" + interaction.ExternalId : null;
        if (key is not null && await db.Timeline.FirstOrDefaultAsync(e => e.SourceKey == key, cancellationToken) is { } existing)
        {
            // The same interaction again records nothing; the same id about someone else is a mistake to report.
            return existing.CustomerId == interaction.CustomerId ? (existing, false) : throw new AlreadyExistsException("interaction", interaction.ExternalId);
        }

        var record = NewEntry(interaction.CustomerId, V1.EntryKind.Interaction, interaction.OccurredAt?.ToDateTime() ?? clock.GetUtcNow().UtcDateTime);
        (record.Channel, record.JourneyId, record.JourneyStepId, record.Summary) = (interaction.Channel, interaction.JourneyId, interaction.JourneyStepId, interaction.Summary);
        (record.SourceId, record.SourceKey) = (interaction.ExternalId, key);
        db.Timeline.Add(record);
        db.Raise(new InteractionRecorded
        {
            EntryId = record.EntryId,
            CustomerId = record.CustomerId,
            Channel = record.Channel,
            JourneyId = record.JourneyId,
            JourneyStepId = record.JourneyStepId,
            OccurredAt = ContractMapping.ToTimestamp(record.OccurredAtUtc),
            ExternalId = record.SourceId,
        }, record.CustomerId);
        return (record, true);
    }

    public async Task<V1.ListTimelineResponse> ListAsync(V1.ListTimelineRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.Channels.All(c => c.Length is > 0 and <= 100), "channels", "Each channel at most 100 characters.")
            .Require(request.From is null || request.To is null || request.From.ToDateTimeOffset() < request.To.ToDateTimeOffset(), "to", "Must be after from.");
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        var after = page.AfterKey is { } key ? Cursor(key) : null;
        validator.Require(page.AfterKey is null || after is not null, "page_token", "Not a token this API issued: pass next_page_token from a previous response unchanged.");
        validator.ThrowIfInvalid();
        var profile = await profiles.FindAsync(request.CustomerId, cancellationToken);
        var entries = db.Timeline.Where(e => e.CustomerId == profile.CustomerId);
        if (request.Channels.Count > 0)
        {
            var channels = request.Channels.ToArray();
            entries = entries.Where(e => channels.Contains(e.Channel));
        }

        if (request.JourneyStepId.Length > 0)
        {
            entries = entries.Where(e => e.JourneyStepId == request.JourneyStepId);
        }

        if (request.From is { } from)
        {
            var fromUtc = from.ToDateTime();
            entries = entries.Where(e => e.OccurredAtUtc >= fromUtc);
        }

        if (request.To is { } to)
        {
            var toUtc = to.ToDateTime();
            entries = entries.Where(e => e.OccurredAtUtc < toUtc);
        }

        if (after is { } cursor)
        {
            var (afterAt, afterId) = cursor;
            entries = entries.Where(e => e.OccurredAtUtc < afterAt || (e.OccurredAtUtc == afterAt && string.Compare(e.EntryId, afterId) < 0));
        }

        var window = await entries.OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.EntryId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListTimelineResponse { Entries = { window.Take(page.Size).Select(ToContract) } };
        if (window.Count > page.Size)
        {
            var last = window[page.Size - 1];
            response.NextPageToken = PageRequest.TokenAfter(last.OccurredAtUtc.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + last.EntryId);
        }

        return response;
    }

    /// <summary>The position a page token continues after: the last entry's time (UTC ticks) and id.</summary>
    private static (DateTime At, string EntryId)? Cursor(string key)
    {
        var parts = key.Split('|');
        return parts.Length == 2 && parts[1].Length > 0
            && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            ? (new DateTime(ticks, DateTimeKind.Utc), parts[1])
            : null;
    }

    private TimelineEntryRecord NewEntry(string customerId, V1.EntryKind kind, DateTime occurredAtUtc) => new()
    {
        EntryId = Guid.CreateVersion7(clock.GetUtcNow()).ToString("N"),
        CustomerId = customerId,
        Kind = (int)kind,
        OccurredAtUtc = DateTime.SpecifyKind(occurredAtUtc, DateTimeKind.Utc),
    };

    private async Task SaveAsync(TimelineEntryRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException e) when (Cx.Persistence.DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException("interaction", record.SourceId);
        }
    }

    internal static V1.TimelineEntry ToContract(TimelineEntryRecord record)
    {
        var entry = new V1.TimelineEntry
        {
            EntryId = record.EntryId,
            CustomerId = record.CustomerId,
            Kind = (V1.EntryKind)record.Kind,
            Channel = record.Channel,
            JourneyId = record.JourneyId,
            JourneyStepId = record.JourneyStepId,
            OccurredAt = ContractMapping.ToTimestamp(record.OccurredAtUtc),
            Summary = record.Summary,
            SourceId = record.SourceId,
        };
        switch ((V1.EntryKind)record.Kind)
        {
            case V1.EntryKind.Survey:
                entry.Survey = StoredJson.Message<V1.SurveyEntry>(record.DetailJson);
                break;
            case V1.EntryKind.Case:
                entry.Case = StoredJson.Message<V1.CaseEntry>(record.DetailJson);
                break;
        }

        return entry;
    }
}
