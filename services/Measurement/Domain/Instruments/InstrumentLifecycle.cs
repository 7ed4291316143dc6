using Cx.Domain.Errors;

namespace Cx.Measurement.Domain.Instruments;

public enum InstrumentState
{
    Draft,
    Live,
    Closed,
}

/// <summary>An instrument goes draft → live → closed (or draft → closed); nothing goes back.</summary>
public static class InstrumentLifecycle
{
    public static bool CanMove(InstrumentState from, InstrumentState to) => (from, to) switch
    {
        (InstrumentState.Draft, InstrumentState.Live) => true,
        (InstrumentState.Draft, InstrumentState.Closed) => true,
        (InstrumentState.Live, InstrumentState.Closed) => true,
        _ => false,
    };

    /// <exception cref="PreconditionFailedException">The move is not allowed.</exception>
    public static void Move(string instrumentId, InstrumentState from, InstrumentState to)
    {
        if (!CanMove(from, to))
        {
            throw new PreconditionFailedException("STATE_TRANSITION", "instrument/" + instrumentId,
                $"Instrument {instrumentId} is {from.ToString().ToLowerInvariant()} and cannot become {to.ToString().ToLowerInvariant()}: instruments go draft → live → closed.");
        }
    }
}

/// <summary>Whether an instrument takes a response that occurred at a given moment.</summary>
public static class InstrumentAnswers
{
    /// <returns>Why the instrument does not take a response that occurred at <paramref name="occurredAtUtc"/>; null when it does.</returns>
    /// <param name="closesAtUtc">When it stops taking responses: its closing date, or for a closed one the moment it closed if that came first.</param>
    /// <remarks>
    /// A live instrument takes what occurred within its dates. A closed one still takes what occurred
    /// before it closed (answers that arrive late, or are imported), but without that moment it
    /// cannot tell, so it takes nothing more. A draft was never asked, so it takes nothing.
    /// </remarks>
    public static string? WhyNot(string instrumentId, InstrumentState state, DateTime? opensAtUtc, DateTime? closesAtUtc, DateTime occurredAtUtc) => state switch
    {
        InstrumentState.Draft => $"Instrument {instrumentId} is a draft: it takes responses once it is live.",
        _ when occurredAtUtc < opensAtUtc => $"Instrument {instrumentId} opens at {opensAtUtc:yyyy-MM-dd HH:mm:ss}Z; this response occurred before.",
        _ when occurredAtUtc >= closesAtUtc => $"Instrument {instrumentId} closes at {closesAtUtc:yyyy-MM-dd HH:mm:ss}Z; this response occurred after.",
        InstrumentState.Closed when closesAtUtc is null => $"Instrument {instrumentId} is closed and has no closing date: it takes no more responses.",
        _ => null,
    };
}

/// <summary>Who among the invited is actually asked: the same contact always gets the same answer for an instrument.</summary>
public static class Sampling
{
    /// <param name="rate">0 to 1; 0 means everyone.</param>
    public static bool Includes(string instrumentId, string contactId, double rate)
    {
        if (rate is 0 or >= 1)
        {
            return true;
        }

        // A cryptographic hash of both ids: uniform, and stable across processes and versions (unlike string.GetHashCode).
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(instrumentId + "\u0000" + contactId));
        var hash = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(digest);
        return hash / (double)uint.MaxValue < rate;
    }
}

/// <summary>A contact-frequency rule, as the domain reads it.</summary>
public sealed record FrequencyRule(string RuleId, int MinDaysBetween, string Channel, string AttributeKey, string AttributeValue)
{
    public bool AppliesTo(string channel, IReadOnlyDictionary<string, string> attributes) =>
        (Channel.Length == 0 || Channel == channel)
        && (AttributeKey.Length == 0 || (attributes.TryGetValue(AttributeKey, out var value) && value == AttributeValue));

    /// <summary>The first rule that forbids inviting now, given when (and on which channel) the contact was last invited.</summary>
    public static FrequencyRule? Blocking(IEnumerable<FrequencyRule> rules, string channel, IReadOnlyDictionary<string, string> attributes, IEnumerable<(DateTimeOffset SentAt, string Channel)> previous, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var history = previous.ToArray();
        return rules.OrderBy(r => r.RuleId, StringComparer.Ordinal).FirstOrDefault(rule =>
            rule.AppliesTo(channel, attributes)
            && history.Any(h => (rule.Channel.Length == 0 || h.Channel == rule.Channel) && h.SentAt > now.AddDays(-rule.MinDaysBetween)));
    }
}
