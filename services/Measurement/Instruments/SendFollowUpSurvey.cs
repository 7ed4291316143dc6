using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using V1 = Cx.Measurement.V1;

namespace Cx.Measurement.Instruments;

/// <summary>
/// A case closed with the customer recovered: the customer is invited to every open instrument
/// that follows up recovered cases (so the organisation learns whether the recovery held). The
/// usual sampling and contact-frequency rules apply, and inviting twice changes nothing.
/// </summary>
internal sealed class SendFollowUpSurvey(InstrumentsApi instruments) : IHandleEvent<CaseClosed>
{
    public async Task HandleAsync(CaseClosed message, EventContext context, CancellationToken cancellationToken)
    {
        if (!message.Recovered || message.CustomerId.Length == 0)
        {
            return;
        }

        foreach (var instrument in await instruments.FollowUpInstrumentsAsync(cancellationToken))
        {
            await instruments.InviteAsync(new V1.SendInvitationsRequest
            {
                InstrumentId = instrument,
                Contacts =
                {
                    new V1.Contact
                    {
                        ContactId = message.CustomerId,
                        Channel = message.ContactChannel.Length > 0 ? message.ContactChannel : "email",
                        Language = message.ContactLanguage,
                    },
                },
            }, cancellationToken);
        }
    }
}
