using System.Text.RegularExpressions;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Metrics;
using Cx.Measurement.Domain.Statistics;
using Cx.Measurement.Metrics;
using Cx.Persistence;
using Cx.Persistence.Paging;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Measurement.Instruments;

/// <summary>
/// Instruments (surveys), contact-frequency rules and invitations. Sending is an event
/// (invitation_requested) that the channel delivering it consumes; this service decides who is
/// asked, remembers why someone was not, and tracks sent, opened and answered.
/// </summary>
internal sealed partial class InstrumentsApi(MeasurementDb db, MetricDefinitionsApi metrics, TimeProvider clock)
{
    public const int MaxContactsPerCall = 1_000;

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default);

    public async Task<V1.Instrument> CreateAsync(V1.Instrument? instrument, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (instrument is null)
        {
            validator.Add("instrument", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(IdPattern().IsMatch(instrument!.InstrumentId), "instrument.instrument_id", IdRule)
            .Require(instrument.Name.Trim().Length is > 0 and <= 200, "instrument.name", "Required, at most 200 characters.")
            .Require(instrument.Questions.Count > 0, "instrument.questions", "At least one question.")
            .Require(instrument.SamplingRate is >= 0 and <= 1, "instrument.sampling_rate", "Between 0 and 1 (0 means everyone).")
            .Require(instrument.OpensAt is null || instrument.ClosesAt is null || instrument.OpensAt.ToDateTimeOffset() < instrument.ClosesAt.ToDateTimeOffset(), "instrument.closes_at", "Must be after opens_at.")
            .Require(instrument.JourneyId.Length <= 100, "instrument.journey_id", "At most 100 characters.")
            .Require(instrument.JourneyStepId.Length <= 100 && (instrument.JourneyStepId.Length == 0 || instrument.JourneyId.Length > 0), "instrument.journey_step_id",
                "At most 100 characters, and only with the journey_id it belongs to.");
        for (var i = 0; i < instrument.Questions.Count; i++)
        {
            var question = instrument.Questions[i];
            validator.Require(await metrics.LatestAsync(question.MetricId, cancellationToken) is not null, $"instrument.questions[{i}].metric_id", $"No metric '{question.MetricId}' is defined.");
            validator.Require(question.Text.Count > 0 && question.Text.All(t => t.Key.Length is > 0 and <= 35 && t.Value.Trim().Length > 0), $"instrument.questions[{i}].text", "The question's text in at least one language (tag → text).");
        }

        validator.ThrowIfInvalid();
        if (await db.Instruments.AnyAsync(i => i.InstrumentId == instrument.InstrumentId, cancellationToken))
        {
            throw new AlreadyExistsException("instrument", instrument.InstrumentId);
        }

        var record = new InstrumentRecord
        {
            InstrumentId = instrument.InstrumentId,
            Name = instrument.Name.Trim(),
            Status = nameof(InstrumentState.Draft),
            QuestionsJson = "[" + string.Join(",", instrument.Questions.Select(q => Json.Format(q))) + "]",
            OpensAtUtc = instrument.OpensAt?.ToDateTime(),
            ClosesAtUtc = instrument.ClosesAt?.ToDateTime(),
            SamplingRate = instrument.SamplingRate,
            FollowUpRecoveredCases = instrument.FollowUpRecoveredCases,
            JourneyId = instrument.JourneyId,
            JourneyStepId = instrument.JourneyStepId,
        };
        db.Instruments.Add(record);
        await SaveAsync("instrument", record.InstrumentId, cancellationToken);
        return ToContract(record);
    }

    public async Task<V1.Instrument> GetAsync(string instrumentId, CancellationToken cancellationToken) =>
        ToContract(await FindAsync(instrumentId, cancellationToken));

    public async Task<V1.ListInstrumentsResponse> ListAsync(V1.ListInstrumentsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.Require(System.Enum.IsDefined(request.Status), "status", "Not a status this API knows: DRAFT, LIVE or CLOSED, or unspecified for all.").ThrowIfInvalid();

        var instruments = db.Instruments.AsNoTracking();
        if (request.Status != V1.InstrumentStatus.Unspecified)
        {
            var status = StateOf(request.Status).ToString();
            instruments = instruments.Where(i => i.Status == status);
        }

        var (items, next) = await instruments.PageAsync(page, i => i.InstrumentId, cancellationToken);
        return new V1.ListInstrumentsResponse { Instruments = { items.Select(ToContract) }, NextPageToken = next };
    }

    public async Task<V1.Instrument> ChangeStatusAsync(V1.ChangeInstrumentStatusRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(request.Status != V1.InstrumentStatus.Unspecified, "status", "Required: LIVE or CLOSED.").ThrowIfInvalid();
        var record = await FindAsync(request.InstrumentId, cancellationToken);
        var to = StateOf(request.Status);
        InstrumentLifecycle.Move(record.InstrumentId, System.Enum.Parse<InstrumentState>(record.Status), to);
        record.Status = to.ToString();
        if (to == InstrumentState.Closed)
        {
            record.ClosedAtUtc = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToContract(record);
    }

    public async Task<V1.ListContactFrequencyRulesResponse> ListRulesAsync(V1.ListContactFrequencyRulesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();

        var (items, next) = await db.FrequencyRules.AsNoTracking().PageAsync(page, r => r.RuleId, cancellationToken);
        return new V1.ListContactFrequencyRulesResponse
        {
            Rules = { items.Select(r => new V1.ContactFrequencyRule { RuleId = r.RuleId, MinDaysBetween = r.MinDaysBetween, Channel = r.Channel, AttributeKey = r.AttributeKey, AttributeValue = r.AttributeValue }) },
            NextPageToken = next,
        };
    }

    public async Task DeleteRuleAsync(string ruleId, CancellationToken cancellationToken)
    {
        new Validator().Require(IdPattern().IsMatch(ruleId), "rule_id", IdRule).ThrowIfInvalid();
        var record = await db.FrequencyRules.FirstOrDefaultAsync(r => r.RuleId == ruleId, cancellationToken)
            ?? throw new NotFoundException("frequency rule", ruleId);
        db.FrequencyRules.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<V1.ListInvitationsResponse> ListInvitationsAsync(V1.ListInvitationsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var instrument = await FindAsync(request.InstrumentId, cancellationToken);

        var (items, next) = await db.Invitations.AsNoTracking().Where(i => i.InstrumentId == instrument.InstrumentId).PageAsync(page, i => i.ContactId, cancellationToken);
        return new V1.ListInvitationsResponse { Invitations = { items.Select(ToContract) }, NextPageToken = next };
    }

    public async Task<V1.ContactFrequencyRule> SetRuleAsync(V1.ContactFrequencyRule? rule, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (rule is null)
        {
            validator.Add("rule", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(IdPattern().IsMatch(rule!.RuleId), "rule.rule_id", IdRule)
            .Require(rule.MinDaysBetween is > 0 and <= 3650, "rule.min_days_between", "1 to 3,650 days.")
            .Require(rule.Channel.Length <= 50, "rule.channel", "At most 50 characters.")
            .Require(rule.AttributeKey.Length <= 100 && rule.AttributeValue.Length <= 100, "rule.attribute_key", "At most 100 characters each.")
            .Require(rule.AttributeKey.Length > 0 || rule.AttributeValue.Length == 0, "rule.attribute_value", "A value needs its attribute_key.")
            .ThrowIfInvalid();
        var record = await db.FrequencyRules.FirstOrDefaultAsync(r => r.RuleId == rule.RuleId, cancellationToken);
        if (record is null)
        {
            record = new FrequencyRuleRecord { RuleId = rule.RuleId };
            db.FrequencyRules.Add(record);
        }

        (record.MinDaysBetween, record.Channel, record.AttributeKey, record.AttributeValue) = (rule.MinDaysBetween, rule.Channel, rule.AttributeKey, rule.AttributeValue);
        await SaveAsync("frequency rule", rule.RuleId, cancellationToken);
        return rule;
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

    private const string FrequencyRulePrefix = "frequency-rule:";

    private static InstrumentState StateOf(V1.InstrumentStatus status) => status switch
    {
        V1.InstrumentStatus.Live => InstrumentState.Live,
        V1.InstrumentStatus.Closed => InstrumentState.Closed,
        _ => InstrumentState.Draft,
    };

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

    /// <summary>The live instruments, open now, that follow up recovered customers of closed cases.</summary>
    public async Task<IReadOnlyList<string>> FollowUpInstrumentsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var candidates = await db.Instruments.Where(i => i.FollowUpRecoveredCases && i.Status == nameof(InstrumentState.Live)).ToListAsync(cancellationToken);
        return candidates.Where(i => IsOpen(i, now)).Select(i => i.InstrumentId).Order(StringComparer.Ordinal).ToArray();
    }

    private static bool IsOpen(InstrumentRecord instrument, DateTimeOffset now) =>
        instrument.Status == nameof(InstrumentState.Live)
        && !(now.UtcDateTime < instrument.OpensAtUtc)
        && !(now.UtcDateTime >= instrument.ClosesAtUtc);

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

    /// <summary>The instrument a response names, and the metrics its questions ask; null when there is none.</summary>
    public async Task<AnsweredInstrument?> FindInstrumentForResponseAsync(string instrumentId, CancellationToken cancellationToken)
    {
        if (!IdPattern().IsMatch(instrumentId) || await db.Instruments.AsNoTracking().FirstOrDefaultAsync(i => i.InstrumentId == instrumentId, cancellationToken) is not { } record)
        {
            return null;
        }

        var metrics = ToContract(record).Questions.Select(q => q.MetricId).ToHashSet(StringComparer.Ordinal);
        // A closed instrument stopped at its closing date or when it was closed, whichever came first.
        var closes = record.ClosedAtUtc is { } closed && !(record.ClosesAtUtc < closed) ? closed : record.ClosesAtUtc;
        return new AnsweredInstrument(record.InstrumentId, System.Enum.Parse<InstrumentState>(record.Status), record.OpensAtUtc, closes, metrics, record.JourneyId, record.JourneyStepId);
    }

    public async Task<V1.InstrumentStats> StatsAsync(string instrumentId, CancellationToken cancellationToken)
    {
        var instrument = await FindAsync(instrumentId, cancellationToken);
        var counts = await db.Invitations
            .Where(i => i.InstrumentId == instrument.InstrumentId)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Sent = g.LongCount(i => i.SentAtUtc != null),
                Suppressed = g.LongCount(i => i.SentAtUtc == null),
                // Of the sent ones only, so the rates stay within what was sent.
                Opened = g.LongCount(i => i.SentAtUtc != null && i.OpenedAtUtc != null),
                Answered = g.LongCount(i => i.SentAtUtc != null && i.AnsweredAtUtc != null),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var stats = new V1.InstrumentStats { Sent = counts?.Sent ?? 0, Suppressed = counts?.Suppressed ?? 0, Opened = counts?.Opened ?? 0, Answered = counts?.Answered ?? 0 };
        var rate = Proportion.Of((int)stats.Answered, (int)stats.Sent);
        if (rate is { Percent: { } percent, Interval: { } interval })
        {
            stats.ResponseRate = percent;
            stats.ResponseRateInterval = new CommonV1.Interval { Lower = interval.Lower, Upper = interval.Upper };
        }

        return stats;
    }

    private async Task<InstrumentRecord> FindAsync(string instrumentId, CancellationToken cancellationToken)
    {
        new Validator().Require(IdPattern().IsMatch(instrumentId), "instrument_id", IdRule).ThrowIfInvalid();
        return await db.Instruments.FirstOrDefaultAsync(i => i.InstrumentId == instrumentId, cancellationToken)
            ?? throw new NotFoundException("instrument", instrumentId);
    }

    private async Task<InvitationRecord> FindInvitationAsync(string invitationId, string field, CancellationToken cancellationToken)
    {
        new Validator().Require(Guid.TryParse(invitationId, out _), field, "An invitation id, as SendInvitations returned it.").ThrowIfInvalid();
        return await FindInvitationForResponseAsync(invitationId, cancellationToken) ?? throw new NotFoundException("invitation", invitationId);
    }

    private async Task SaveAsync(string resourceType, string resourceName, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another call wrote the same one at the same moment; reading it again shows what it wrote.
            throw new AlreadyExistsException(resourceType, resourceName);
        }
    }

    private static V1.Instrument ToContract(InstrumentRecord record)
    {
        var instrument = new V1.Instrument
        {
            InstrumentId = record.InstrumentId,
            Name = record.Name,
            Status = System.Enum.Parse<InstrumentState>(record.Status) switch
            {
                InstrumentState.Live => V1.InstrumentStatus.Live,
                InstrumentState.Closed => V1.InstrumentStatus.Closed,
                _ => V1.InstrumentStatus.Draft,
            },
            SamplingRate = record.SamplingRate,
            FollowUpRecoveredCases = record.FollowUpRecoveredCases,
            JourneyId = record.JourneyId,
            JourneyStepId = record.JourneyStepId,
            OpensAt = record.OpensAtUtc is { } opens ? Timestamp.FromDateTime(DateTime.SpecifyKind(opens, DateTimeKind.Utc)) : null,
            ClosesAt = record.ClosesAtUtc is { } closes ? Timestamp.FromDateTime(DateTime.SpecifyKind(closes, DateTimeKind.Utc)) : null,
        };
        using var questions = System.Text.Json.JsonDocument.Parse(record.QuestionsJson);
        instrument.Questions.Add(questions.RootElement.EnumerateArray().Select(q => JsonParser.Default.Parse<V1.Question>(q.GetRawText())));
        return instrument;
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

    private const string IdRule = "Lower-case letters, digits and '-', starting with a letter, at most 63 characters.";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

/// <summary>What a response's validation needs of the instrument it answers.</summary>
internal sealed record AnsweredInstrument(
    string InstrumentId, InstrumentState State, DateTime? OpensAtUtc, DateTime? ClosesAtUtc, IReadOnlySet<string> MetricIds, string JourneyId, string JourneyStepId);
