using Cx.Measurement.Instruments;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Responses;

/// <summary>The invitations and instruments a group's responses name, each read once per group.</summary>
internal sealed class AnsweredLookups(InstrumentsApi instruments)
{
    private readonly Dictionary<string, AnsweredInstrument?> _instruments = new(StringComparer.Ordinal);

    /// <summary>The invitations looked up, by id: null for one that does not exist.</summary>
    public Dictionary<string, InvitationRecord?> Invitations { get; } = new(StringComparer.Ordinal);

    public async Task<InvitationRecord?> InvitationAsync(string invitationId, CancellationToken cancellationToken)
    {
        if (!Invitations.TryGetValue(invitationId, out var invitation))
        {
            Invitations[invitationId] = invitation = await instruments.FindInvitationForResponseAsync(invitationId, cancellationToken);
        }

        return invitation;
    }

    public async Task<AnsweredInstrument?> InstrumentAsync(string instrumentId, CancellationToken cancellationToken)
    {
        if (!_instruments.TryGetValue(instrumentId, out var instrument))
        {
            _instruments[instrumentId] = instrument = await instruments.FindInstrumentForResponseAsync(instrumentId, cancellationToken);
        }

        return instrument;
    }

    /// <summary>The instrument a response answers: the one it names, else its invitation's (once looked up), else none.</summary>
    public string InstrumentIdOf(V1.Response response) =>
        response.InstrumentId.Length > 0 ? response.InstrumentId : Invitations.GetValueOrDefault(response.InvitationId)?.InstrumentId ?? string.Empty;

    /// <summary>The instrument a valid response answers, as looked up while validating it; null for none.</summary>
    public AnsweredInstrument? InstrumentOf(V1.Response response) =>
        InstrumentIdOf(response) is { Length: > 0 } id ? _instruments.GetValueOrDefault(id) : null;
}
