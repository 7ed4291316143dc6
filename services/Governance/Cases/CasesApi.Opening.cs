using System.Globalization;
using Cx.Domain.Errors;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Governance.Data;
using Cx.Governance.Domain.Cases;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Governance.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Governance.Cases;

internal sealed partial class CasesApi
{
    /// <summary>Opens a case for a detractor when a rule matches; a customer's active case on the journey takes the signal instead.</summary>
    /// <returns>The case the signal opened or joined; null when no rule matched.</returns>
    public async Task<CaseRecord?> OpenFromDetractorAsync(DetractorDetected detractor, CancellationToken cancellationToken)
    {
        var context = detractor.Context ?? new Cx.Common.V1.ResponseContext();

        // Without a customer there is no one to recover: the score still counts in Measurement.
        if (!ActiveCase.CanTakeSignal(context.CustomerId))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var occurredAt = context.OccurredAt?.ToDateTimeOffset() ?? now;
        var signal = new V1.CaseSignal { ResponseId = detractor.ResponseId, MetricId = detractor.MetricId, Score = detractor.Score, OccurredAt = ContractMapping.ToTimestamp(occurredAt) };
        var active = await ActiveCaseAsync(context.CustomerId, context.JourneyId, cancellationToken);
        if (active is not null)
        {
            var signals = StoredJson.Messages<V1.CaseSignal>(active.SignalsJson);
            // A comment from the same response is another signal: only scores count as this one's.
            if (ActiveCase.Joins(signals.Where(s => s.FeedbackId.Length == 0).Select(s => s.ResponseId), signal.ResponseId))
            {
                signals.Add(signal);
                active.SignalsJson = StoredJson.Messages(signals);
                audit.Append("case.signal_merged", SubjectType, active.CaseId, new { responseId = detractor.ResponseId, detractor.Score });
                await db.SaveChangesAsync(cancellationToken);
            }

            return active;
        }

        var loaded = await rules.LoadAsync(cancellationToken);
        var rule = CaseRule.FirstMatch(loaded.Select(r => r.Rule), new DetractorSignal(detractor.MetricId, detractor.Score, context.Segment, context.JourneyId, occurredAt, context.JourneyStepId), now);
        if (rule is null)
        {
            return null;
        }

        var ruleRecord = loaded.First(r => ReferenceEquals(r.Rule, rule)).Record;
        var journeyOwner = await owners.AccountableAsync(context.JourneyId, context.JourneyStepId, context.Touchpoint, cancellationToken);
        var owner = rule.PickOwner(journeyOwner, context.TeamId, ruleRecord.Assigned);
        if (rule.Rotates)
        {
            ruleRecord.Assigned++;
        }

        var record = new CaseRecord
        {
            CaseId = NewCaseId(),
            Priority = (int)rule.Priority,
            Owner = owner,
            Title = $"Detractor ({detractor.MetricId} {detractor.Score}) on {Describe(context.JourneyId, context.JourneyStepId)}",
            CustomerId = context.CustomerId,
            JourneyId = context.JourneyId,
            JourneyStepId = context.JourneyStepId,
            Touchpoint = context.Touchpoint,
            Channel = context.Channel,
            Segment = context.Segment,
            Region = context.Region,
            TeamId = context.TeamId,
            EmployeeId = context.EmployeeId,
            RuleId = rule.RuleId,
            SignalsJson = StoredJson.Messages([signal]),
        };
        await OpenAsync(record, detractor.ResponseId, now, cancellationToken);
        return record;
    }

    /// <summary>
    /// Opens a case for a negative comment when a negative-feedback rule matches; a customer's
    /// active case on the journey takes the comment instead (once: a comment already on it is the
    /// same event delivered again), as it takes a detractor.
    /// </summary>
    /// <returns>The case the comment opened or joined; null when no rule matched.</returns>
    public async Task<CaseRecord?> OpenFromFeedbackAsync(FeedbackEnriched feedback, CancellationToken cancellationToken)
    {
        var context = feedback.Context ?? new CommonV1.ResponseContext();
        if (!ActiveCase.CanTakeSignal(context.CustomerId))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var occurredAt = context.OccurredAt?.ToDateTimeOffset() ?? now;
        var signal = new V1.CaseSignal
        {
            ResponseId = feedback.ResponseId,
            MetricId = feedback.MetricId,
            OccurredAt = ContractMapping.ToTimestamp(occurredAt),
            FeedbackId = feedback.FeedbackId,
            Sentiment = feedback.Sentiment,
            TopicIds = { feedback.TopicIds },
            EffortCues = { feedback.EffortCues },
        };
        var active = await ActiveCaseAsync(context.CustomerId, context.JourneyId, cancellationToken);
        if (active is not null)
        {
            var signals = StoredJson.Messages<V1.CaseSignal>(active.SignalsJson);
            if (ActiveCase.Joins(signals.Where(s => s.FeedbackId.Length > 0).Select(s => s.FeedbackId), feedback.FeedbackId))
            {
                signals.Add(signal);
                active.SignalsJson = StoredJson.Messages(signals);
                audit.Append("case.signal_merged", SubjectType, active.CaseId, new { responseId = feedback.ResponseId, feedbackId = feedback.FeedbackId, feedback.Sentiment });
                await db.SaveChangesAsync(cancellationToken);
            }

            return active;
        }

        var loaded = await rules.LoadAsync(cancellationToken);
        var comment = new FeedbackSignal(
            feedback.MetricId,
            feedback.Sentiment,
            feedback.TopicIds,
            feedback.EffortCues.Select(ContractMapping.EffortCueName).ToArray(),
            context.Segment,
            context.JourneyId,
            context.JourneyStepId,
            occurredAt);
        var rule = CaseRule.FirstMatch(loaded.Select(r => r.Rule), comment, now);
        if (rule is null)
        {
            return null;
        }

        var ruleRecord = loaded.First(r => ReferenceEquals(r.Rule, rule)).Record;
        var journeyOwner = await owners.AccountableAsync(context.JourneyId, context.JourneyStepId, context.Touchpoint, cancellationToken);
        var owner = rule.PickOwner(journeyOwner, context.TeamId, ruleRecord.Assigned);
        if (rule.Rotates)
        {
            ruleRecord.Assigned++;
        }

        var record = new CaseRecord
        {
            CaseId = NewCaseId(),
            Priority = (int)rule.Priority,
            Owner = owner,
            Title = string.Create(CultureInfo.InvariantCulture, $"Negative feedback ({feedback.Sentiment:0.##}) on {Describe(context.JourneyId, context.JourneyStepId)}"),
            CustomerId = context.CustomerId,
            JourneyId = context.JourneyId,
            JourneyStepId = context.JourneyStepId,
            Touchpoint = context.Touchpoint,
            Channel = context.Channel,
            Segment = context.Segment,
            Region = context.Region,
            TeamId = context.TeamId,
            EmployeeId = context.EmployeeId,
            RuleId = rule.RuleId,
            SignalsJson = StoredJson.Messages([signal]),
        };
        await OpenAsync(record, feedback.ResponseId, now, cancellationToken);
        return record;
    }

    /// <summary>
    /// Opens a case for a breached scope when a breach rule matches; the scope's active case takes
    /// a later bucket instead, and a bucket already on a case of the scope changes nothing.
    /// </summary>
    /// <returns>The case the breach opened or joined, or that already holds its bucket; null when it opened nothing.</returns>
    public async Task<CaseRecord?> OpenFromBreachAsync(MetricThresholdBreached breached, CancellationToken cancellationToken)
    {
        var breach = new ThresholdBreach(breached.MetricId, breached.Bucket, breached.JourneyId, breached.JourneyStepId);
        if (!ScopeCase.CanTake(breach))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var evidence = new V1.CaseBreach
        {
            MetricId = breached.MetricId,
            Bucket = breached.Bucket,
            N = breached.N,
            Score = breached.Score,
            Interval = breached.Interval,
            Target = breached.Target,
            JourneyId = breached.JourneyId,
            JourneyStepId = breached.JourneyStepId,
            ReceivedAt = ContractMapping.ToTimestamp(now),
        };
        var key = ScopeCase.Key(breach.MetricId, breach.JourneyId, breach.JourneyStepId);
        var scopeCases = await db.Cases.Where(c => c.ScopeKey == key).ToListAsync(cancellationToken);
        var active = scopeCases.FirstOrDefault(c => c.ActiveKey == key);
        var buckets = scopeCases.SelectMany(c => StoredJson.Messages<V1.CaseBreach>(c.BreachesJson)).Select(b => b.Bucket);
        switch (ScopeCase.Decide(buckets, active is not null, breach.Bucket))
        {
            case BreachOutcome.AlreadyRecorded:
                return scopeCases.First(c => StoredJson.Messages<V1.CaseBreach>(c.BreachesJson).Any(b => b.Bucket == breach.Bucket));
            case BreachOutcome.Joins:
                var breaches = StoredJson.Messages<V1.CaseBreach>(active!.BreachesJson);
                breaches.Add(evidence);
                active.BreachesJson = StoredJson.Messages(breaches);
                audit.Append("case.breach_recorded", SubjectType, active.CaseId, new { breach.MetricId, breach.Bucket, breached.Score, breached.Target });

                // Two breaches joining at once: the case's version refuses the second write, and
                // its retry finds the first bucket on the case.
                await db.SaveChangesAsync(cancellationToken);
                return active;
        }

        var loaded = await rules.LoadAsync(cancellationToken);
        var rule = CaseRule.FirstMatch(loaded.Select(r => r.Rule), breach);
        if (rule is null)
        {
            return null;
        }

        var ruleRecord = loaded.First(r => ReferenceEquals(r.Rule, rule)).Record;
        var journeyOwner = breach.JourneyId.Length > 0 ? await owners.AccountableAsync(breach.JourneyId, breach.JourneyStepId, string.Empty, cancellationToken) : null;
        var owner = rule.PickOwner(journeyOwner, string.Empty, ruleRecord.Assigned);
        if (rule.Rotates)
        {
            ruleRecord.Assigned++;
        }

        var record = new CaseRecord
        {
            CaseId = NewCaseId(),
            Priority = (int)rule.Priority,
            Owner = owner,
            Title = Title(breached),
            JourneyId = breach.JourneyId,
            JourneyStepId = breach.JourneyStepId,
            RuleId = rule.RuleId,
            MetricId = breach.MetricId,
            ScopeKey = key,
            BreachesJson = StoredJson.Messages([evidence]),
        };
        await OpenAsync(record, string.Empty, now, cancellationToken, breach.Bucket);
        return record;
    }

    /// <summary>
    /// A pain point Understanding confirmed: the tenant's pain-point rules decide whether it opens a
    /// case at its step. While that case is active a later announcement renews its evidence; once
    /// it closed, only a later confirmation (the pain point came back) opens another. Announcements
    /// that it is no longer confirmed change nothing here: the owner closes the case.
    /// </summary>
    public async Task<CaseRecord?> OpenFromPainPointAsync(PainPointIdentified painPoint, CancellationToken cancellationToken)
    {
        if (!painPoint.Confirmed || painPoint.PainPointId.Length == 0 || painPoint.JourneyId.Length == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var evidence = new V1.CasePainPoint
        {
            PainPointId = painPoint.PainPointId,
            Title = painPoint.Title,
            TopicId = painPoint.TopicId,
            MetricIds = { painPoint.MetricIds },
            Mentions = painPoint.Mentions,
            Comments = painPoint.Comments,
            Share = painPoint.Share,
            ShareInterval = painPoint.ShareInterval,
            ConfirmedByMetricId = painPoint.ConfirmedByMetricId,
            Importance = painPoint.Importance,
            Version = painPoint.Version,
            ReceivedAt = ContractMapping.ToTimestamp(now),
        };
        var key = PainPointKey + painPoint.PainPointId;
        var cases = await db.Cases.Where(c => c.ScopeKey == key).ToListAsync(cancellationToken);
        var latest = cases.Select(c => (Case: c, Version: StoredJson.Message<V1.CasePainPoint>(c.PainPointJson ?? "{}").Version)).OrderByDescending(c => c.Version).FirstOrDefault();
        if (latest.Case is not null && latest.Version >= painPoint.Version)
        {
            return latest.Case;
        }

        if (cases.FirstOrDefault(c => c.ActiveKey == key) is { } active)
        {
            active.PainPointJson = StoredJson.Message(evidence);
            audit.Append("case.pain_point_renewed", SubjectType, active.CaseId, new { painPoint.PainPointId, painPoint.Version, painPoint.Mentions, painPoint.ConfirmedByMetricId });
            await db.SaveChangesAsync(cancellationToken);
            return active;
        }

        var loaded = await rules.LoadAsync(cancellationToken);
        var rule = CaseRule.FirstMatch(loaded.Select(r => r.Rule), new PainPointSignal(painPoint.JourneyId, painPoint.JourneyStepId, painPoint.TopicId, painPoint.MetricIds));
        if (rule is null)
        {
            return null;
        }

        var ruleRecord = loaded.First(r => ReferenceEquals(r.Rule, rule)).Record;
        var owner = rule.PickOwner(await owners.AccountableAsync(painPoint.JourneyId, painPoint.JourneyStepId, string.Empty, cancellationToken), string.Empty, ruleRecord.Assigned);
        if (rule.Rotates)
        {
            ruleRecord.Assigned++;
        }

        var record = new CaseRecord
        {
            CaseId = NewCaseId(),
            Priority = (int)rule.Priority,
            Owner = owner,
            Title = Fit("Pain point: " + painPoint.Title),
            JourneyId = painPoint.JourneyId,
            JourneyStepId = painPoint.JourneyStepId,
            RuleId = rule.RuleId,
            MetricId = painPoint.ConfirmedByMetricId,
            ScopeKey = key,
            PainPointJson = StoredJson.Message(evidence),
        };
        await OpenAsync(record, string.Empty, now, cancellationToken);
        return record;
    }

    /// <summary>The scope key of a pain point's cases: its id after this prefix.</summary>
    private const string PainPointKey = "pain-point:";

    public async Task<V1.Case> OpenByHandAsync(V1.OpenCaseRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.Title.Trim().Length is > 0 and <= 300, "title", "Required, at most 300 characters.")
            .Require(Identifier.IsReference(request.CustomerId), "customer_id", "Required: the customer to recover, at most 100 characters.")
            .Require(Identifier.IsReference(request.JourneyId), "journey_id", "Required, at most 100 characters.")
            .Require(request.JourneyStepId.Length <= 100, "journey_step_id", "At most 100 characters.")
            .Require(request.Touchpoint.Length <= 100, "touchpoint", "At most 100 characters.")
            .Require(ContractMapping.IsPriority(request.Priority), "priority", "Required: URGENT, HIGH, NORMAL or LOW.")
            .Require(request.Owner.Length == 0 || Identifier.IsReference(request.Owner, 200), "owner", "At most 200 characters.");
        validator.ThrowIfInvalid();
        var owner = request.Owner.Length > 0 ? request.Owner : await owners.AccountableAsync(request.JourneyId, request.JourneyStepId, request.Touchpoint, cancellationToken);
        new Validator().Require(!string.IsNullOrEmpty(owner), "owner", $"Required: journey '{request.JourneyId}' has no accountable owner to default to.").ThrowIfInvalid();
        if (await ActiveCaseAsync(request.CustomerId, request.JourneyId, cancellationToken) is { } active)
        {
            throw new AlreadyExistsException("active case for this customer on this journey", active.CaseId);
        }

        var record = new CaseRecord
        {
            CaseId = NewCaseId(),
            Priority = (int)request.Priority,
            Owner = owner!,
            Title = request.Title.Trim(),
            CustomerId = request.CustomerId,
            JourneyId = request.JourneyId,
            JourneyStepId = request.JourneyStepId,
            Touchpoint = request.Touchpoint,
        };
        await OpenAsync(record, string.Empty, clock.GetUtcNow(), cancellationToken);
        return ToContract(record);
    }

    private async Task OpenAsync(CaseRecord record, string responseId, DateTimeOffset now, CancellationToken cancellationToken, string bucket = "")
    {
        var sla = await policies.SlaAsync(cancellationToken);
        record.Status = nameof(CaseState.Open);
        record.OpenedAtUtc = now.UtcDateTime;
        record.DueAtUtc = sla.DueAt((Priority)record.Priority, now).UtcDateTime;
        record.ActiveKey = ActiveKeyOf(record);
        db.Cases.Add(record);
        db.Raise(new CaseOpened
        {
            CaseId = record.CaseId,
            CustomerId = record.CustomerId,
            JourneyId = record.JourneyId,
            JourneyStepId = record.JourneyStepId,
            Priority = (CommonV1.CasePriority)record.Priority,
            Owner = record.Owner,
            DueAt = ContractMapping.ToTimestamp(record.DueAtUtc),
            RuleId = record.RuleId,
            ResponseId = responseId,
            MetricId = record.MetricId,
            Bucket = bucket,
        }, record.CaseId);
        audit.Append("case.opened", SubjectType, record.CaseId, new { record.CustomerId, record.JourneyId, record.JourneyStepId, record.Owner, record.RuleId, responseId, record.MetricId, bucket });

        // A concurrent signal for the same customer and journey (or breach of the same scope) hits
        // the unique active key: the event delivery retries, and the retry joins the case the
        // other one opened.
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The key an active case holds: its scope's for a case opened by a breach, else its customer's and journey's.</summary>
    private static string ActiveKeyOf(CaseRecord record) => record.ScopeKey ?? ActiveCase.Key(record.CustomerId, record.JourneyId);

    private const int MaxTitleLength = 300;

    private static string Title(MetricThresholdBreached breach)
    {
        var side = breach.Score < breach.Target ? "below" : "above";
        var scope = breach.JourneyId.Length == 0 ? "every context" : Describe(breach.JourneyId, breach.JourneyStepId);
        return Fit(string.Create(CultureInfo.InvariantCulture, $"{breach.MetricId} {breach.Score:0.##} {side} its target {breach.Target:0.##} in {breach.Bucket} on {scope}"));
    }

    /// <summary>
    /// A title cut to the column with "…", never inside a character: ids of 100 characters each
    /// (or a long pain point's title) would overflow it; the evidence keeps them whole.
    /// </summary>
    private static string Fit(string title)
    {
        if (title.Length <= MaxTitleLength)
        {
            return title;
        }

        var cut = MaxTitleLength - 1;
        return title[..(char.IsHighSurrogate(title[cut - 1]) ? cut - 1 : cut)] + "…";
    }

    private static string NewCaseId() => Guid.CreateVersion7().ToString("N");

    private static string Describe(string journeyId, string stepId) =>
        journeyId.Length == 0 ? "an unnamed journey" : stepId.Length == 0 ? journeyId : journeyId + " / " + stepId;
}
