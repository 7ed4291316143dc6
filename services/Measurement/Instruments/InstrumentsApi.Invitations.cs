using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Measurement.Domain.Instruments;
using Cx.Persistence;
using Cx.Persistence.Paging;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Instruments;

internal sealed partial class InstrumentsApi
{
    public async Task<V1.ListInvitationsResponse> ListInvitationsAsync(V1.ListInvitationsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var instrument = await FindAsync(request.InstrumentId, cancellationToken);

        var (items, next) = await db.Invitations.AsNoTracking().Where(i => i.InstrumentId == instrument.InstrumentId).PageAsync(page, i => i.ContactId, cancellationToken);
        return new V1.ListInvitationsResponse { Invitations = { items.Select(ToContract) }, NextPageToken = next };
    }

    public async Task<V1.SendInvitationsResponse> InviteAsync(V1.SendInvitationsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.Contacts.Count is > 0 and <= MaxContactsPerCall, "contacts", $"1 to {MaxContactsPerCall:N0} contacts per call.");
        for (var i = 0; i < Math.Min(request.Contacts.Count, MaxContactsPerCall); i++)
        {
            var contact = request.Contacts[i];
            validator.Require(contact.ContactId.Length is > 0 and <= 100, $"contacts[{i}].contact_id", "Required, at most 100 characters.");
            validator.Require(contact.Channel.Length is > 0 and <= 50, $"contacts[{i}].channel", "Required (e.g. email, sms), at most 50 characters.");
            validator.Require(contact.Language.Length == 0 || LanguageTag.IsWellFormed(contact.Language), $"contacts[{i}].language", LanguageTag.Rule);
        }

        validator.ThrowIfInvalid();
        var instrument = await FindAsync(request.InstrumentId, cancellationToken);
        var now = clock.GetUtcNow();
        if (!IsOpen(instrument, now))
        {
            throw new PreconditionFailedException("INSTRUMENT_NOT_OPEN", "instrument/" + instrument.InstrumentId,
                $"Instrument {instrument.InstrumentId} is not taking invitations now: it must be live and within its opening dates.");
        }

        var contactIds = request.Contacts.Select(c => c.ContactId).Distinct().ToArray();
        var existing = await db.Invitations.Where(i => i.InstrumentId == instrument.InstrumentId && contactIds.Contains(i.ContactId)).ToDictionaryAsync(i => i.ContactId, cancellationToken);
        var rules = (await db.FrequencyRules.ToListAsync(cancellationToken)).Select(r => new FrequencyRule(r.RuleId, r.MinDaysBetween, r.Channel, r.AttributeKey, r.AttributeValue)).ToArray();
        var horizon = now.UtcDateTime.AddDays(-(rules.Length == 0 ? 0 : rules.Max(r => r.MinDaysBetween)));
        var history = (await db.Invitations
                .Where(i => contactIds.Contains(i.ContactId) && i.SentAtUtc != null && i.SentAtUtc > horizon)
                .Select(i => new { i.ContactId, SentAt = i.SentAtUtc!.Value, i.Channel })
                .ToListAsync(cancellationToken))
            .ToLookup(h => h.ContactId, h => (SentAt: new DateTimeOffset(DateTime.SpecifyKind(h.SentAt, DateTimeKind.Utc)), h.Channel));

        var result = new V1.SendInvitationsResponse();
        foreach (var contact in request.Contacts)
        {
            var blocking = FrequencyRule.Blocking(rules, contact.Channel, contact.Attributes, history[contact.ContactId], now);
            var sampled = Sampling.Includes(instrument.InstrumentId, contact.ContactId, instrument.SamplingRate);
            if (existing.TryGetValue(contact.ContactId, out var already))
            {
                // Invited before: nothing changes, unless frequency rules held it back. Then it is sent
                // once none does any more, and until then it names the rule that holds it now.
                if (already.SentAtUtc is null && already.SuppressedBy.StartsWith(FrequencyRulePrefix, StringComparison.Ordinal))
                {
                    if (blocking is null && sampled)
                    {
                        already.Channel = contact.Channel;
                        already.Language = contact.Language;
                        Send(instrument, already, contact.Language, now);
                    }
                    else
                    {
                        already.SuppressedBy = blocking is not null ? FrequencyRulePrefix + blocking.RuleId : "sampling";
                    }
                }

                result.Invitations.Add(ToContract(already));
                continue;
            }

            var invitation = new InvitationRecord
            {
                Id = Guid.CreateVersion7(),
                InstrumentId = instrument.InstrumentId,
                ContactId = contact.ContactId,
                Channel = contact.Channel,
                Language = contact.Language,
                CreatedAtUtc = now.UtcDateTime,
                Status = nameof(V1.InvitationStatus.Suppressed),
                SuppressedBy = blocking is not null ? FrequencyRulePrefix + blocking.RuleId : sampled ? string.Empty : "sampling",
            };
            if (blocking is null && sampled)
            {
                Send(instrument, invitation, contact.Language, now);
            }

            db.Invitations.Add(invitation);
            existing[contact.ContactId] = invitation;
            result.Invitations.Add(ToContract(invitation));
        }

        await SaveAsync("invitation", instrument.InstrumentId, cancellationToken);
        return result;
    }

    private void Send(InstrumentRecord instrument, InvitationRecord invitation, string language, DateTimeOffset now)
    {
        invitation.Status = nameof(V1.InvitationStatus.Sent);
        invitation.SuppressedBy = string.Empty;
        invitation.SentAtUtc = now.UtcDateTime;
        db.Raise(Requested(instrument, invitation, language, reminder: false), invitation.Id.ToString());
    }

    private static InvitationRequested Requested(InstrumentRecord instrument, InvitationRecord invitation, string language, bool reminder) => new()
    {
        InvitationId = invitation.Id.ToString(),
        InstrumentId = invitation.InstrumentId,
        ContactId = invitation.ContactId,
        Channel = invitation.Channel,
        SentAt = invitation.SentAtUtc is { } sent ? Timestamp.FromDateTime(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : null,
        RemindersSent = invitation.RemindersSent,
        Language = language,
        Reminder = reminder,
        JourneyId = instrument.JourneyId,
        JourneyStepId = instrument.JourneyStepId,
    };

    public async Task<V1.SendRemindersResponse> RemindAsync(V1.SendRemindersRequest request, CancellationToken cancellationToken)
    {
        var afterDays = request.AfterDays == 0 ? 3 : request.AfterDays;
        var maxReminders = request.MaxReminders == 0 ? 2 : request.MaxReminders;
        new Validator()
            .Require(afterDays is > 0 and <= 365, "after_days", "1 to 365; 0 means 3.")
            .Require(maxReminders is > 0 and <= 10, "max_reminders", "1 to 10; 0 means 2.")
            .ThrowIfInvalid();
        var instrument = await FindAsync(request.InstrumentId, cancellationToken);
        if (!IsOpen(instrument, clock.GetUtcNow()))
        {
            throw new PreconditionFailedException("INSTRUMENT_NOT_OPEN", "instrument/" + instrument.InstrumentId,
                $"Instrument {instrument.InstrumentId} is not taking responses now (it must be live and within its opening dates): nobody is reminded.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var due = now.AddDays(-afterDays);
        var pending = await db.Invitations
            .Where(i => i.InstrumentId == instrument.InstrumentId && i.SentAtUtc != null && i.AnsweredAtUtc == null && i.RemindersSent < maxReminders
                && (i.LastRemindedAtUtc ?? i.SentAtUtc) <= due)
            .ToListAsync(cancellationToken);
        foreach (var invitation in pending)
        {
            invitation.RemindersSent++;
            invitation.LastRemindedAtUtc = now;
            db.Raise(Requested(instrument, invitation, invitation.Language, reminder: true), invitation.Id.ToString());
        }

        await db.SaveChangesAsync(cancellationToken);
        return new V1.SendRemindersResponse { Reminded = pending.Count };
    }

    public async Task<V1.Invitation> MarkOpenedAsync(string invitationId, CancellationToken cancellationToken)
    {
        var invitation = await FindInvitationAsync(invitationId, "invitation_id", cancellationToken);
        if (invitation.SentAtUtc is null)
        {
            throw new PreconditionFailedException("INVITATION_SUPPRESSED", "invitation/" + invitation.Id,
                $"Invitation '{invitation.Id}' was suppressed ({invitation.SuppressedBy}), never sent: it cannot have been opened.");
        }

        invitation.OpenedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(invitation);
    }

    /// <summary>The invitation a response answers; validated with the response, marked answered in its transaction.</summary>
    public async Task<InvitationRecord?> FindInvitationForResponseAsync(string invitationId, CancellationToken cancellationToken) =>
        Guid.TryParse(invitationId, out var id) ? await db.Invitations.FirstOrDefaultAsync(i => i.Id == id, cancellationToken) : null;

    private async Task<InvitationRecord> FindInvitationAsync(string invitationId, string field, CancellationToken cancellationToken)
    {
        new Validator().Require(Guid.TryParse(invitationId, out _), field, "An invitation id, as SendInvitations returned it.").ThrowIfInvalid();
        return await FindInvitationForResponseAsync(invitationId, cancellationToken) ?? throw new NotFoundException("invitation", invitationId);
    }

    private static V1.Invitation ToContract(InvitationRecord record)
    {
        static Timestamp? At(DateTime? at) => at is { } value ? Timestamp.FromDateTime(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
        return new V1.Invitation
        {
            InvitationId = record.Id.ToString(),
            InstrumentId = record.InstrumentId,
            ContactId = record.ContactId,
            Channel = record.Channel,
            Status = record.Status == nameof(V1.InvitationStatus.Sent) ? V1.InvitationStatus.Sent : V1.InvitationStatus.Suppressed,
            SuppressedBy = record.SuppressedBy,
            SentAt = At(record.SentAtUtc),
            OpenedAt = At(record.OpenedAtUtc),
            AnsweredAt = At(record.AnsweredAtUtc),
            RemindersSent = record.RemindersSent,
        };
    }
}
