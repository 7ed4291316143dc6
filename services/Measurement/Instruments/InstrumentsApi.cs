using System.Text.RegularExpressions;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Events.V1;
using Cx.Measurement.Data;
using Cx.Measurement.Domain.Instruments;
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
            validator.Require(question.Text.Count > 0, $"instrument.questions[{i}].text", "The question's text in at least one language (tag → text).");
            foreach (var (language, text) in question.Text)
            {
                if (!LanguageTag.IsWellFormed(language))
                {
                    validator.Add($"instrument.questions[{i}].text[{language}]", LanguageTag.Rule);
                }
                else
                {
                    validator.Require(text.Trim().Length > 0, $"instrument.questions[{i}].text[{language}]", "The question's text in this language.");
                }
            }
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

    private static InstrumentState StateOf(V1.InstrumentStatus status) => status switch
    {
        V1.InstrumentStatus.Live => InstrumentState.Live,
        V1.InstrumentStatus.Closed => InstrumentState.Closed,
        _ => InstrumentState.Draft,
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

    private const string IdRule = "Lower-case letters, digits and '-', starting with a letter, at most 63 characters.";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

/// <summary>What a response's validation needs of the instrument it answers.</summary>
internal sealed record AnsweredInstrument(
    string InstrumentId, InstrumentState State, DateTime? OpensAtUtc, DateTime? ClosesAtUtc, IReadOnlySet<string> MetricIds, string JourneyId, string JourneyStepId);
