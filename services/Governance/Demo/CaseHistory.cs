using Cx.Events.V1;
using Cx.Governance.Domain.Cases;
using Cx.Governance.Domain.Sla;
using Cx.ServiceDefaults.Tenancy;
using Google.Protobuf.WellKnownTypes;
using MeasurementV1 = Cx.Measurement.V1;
using V1 = Cx.Governance.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Governance.Demo;

/// <summary>
/// The demo's cases before the live ones: detractors open them by the tenant's rules, owners pick
/// them up, some wait on the customer, most are resolved within their SLA and the rest are
/// escalated when they fall due, and the customer hears back, in English or Chinese, before the
/// case closes. Late deliveries dominate until the courier fix ships. Everything goes through the
/// service's own API at the moment it happened, so due times, escalations and patterns are the
/// service's, not the demo's.
/// </summary>
internal sealed class CaseHistory(DemoApis api, ActorContext actor, DemoTimeline timeline, ReplayClock clock, SlaPolicy sla, CancellationToken cancellationToken)
{
    /// <summary>Resolved within the SLA: the share the demo aims at (programmes commonly report 75–85%).</summary>
    public const double SlaMetShare = 0.8;

    /// <summary>Cases opened a day before the fix, and after it: fewer detractors once deliveries came on time.</summary>
    public const double CasesPerDayBeforeFix = 2.0;

    public const double CasesPerDayAfterFix = 1.2;

    private const double WaitingShare = 0.15;

    private static readonly Cause[] Causes =
    [
        new("online-purchase", "delivery", "courier", "late-delivery", "The parcel missed the courier's collection and left a day late; shipping refunded.", 0.40, 0.12),
        new("online-purchase", "delivery", "courier", "damaged-parcel", "Box crushed in transit; a replacement sent and a claim filed with the courier.", 0.08, 0.10),
        new("online-purchase", "checkout", "website", "payment-declined", "A fraud rule declined a valid card; the order was completed by phone.", 0.08, 0.12),
        new("online-purchase", "support", "contact-centre", "long-wait", "Over twenty minutes in the queue; called back and the question answered.", 0.10, 0.15),
        new("online-purchase", "browse", "website", "out-of-stock", "Item shown in stock was not; offered the next size up at the same price.", 0.04, 0.06),
        new("onboarding", "signup", "app", "verification-email", "The verification email went to spam; the account was verified by hand.", 0.06, 0.09),
        new("onboarding", "first-use", "app", "app-crash", "The app crashed on an older Android version; fixed in the next release.", 0.08, 0.12),
        new("returns", "request", "website", "return-label", "The return label would not print; a new one was emailed.", 0.06, 0.10),
        new("returns", "refund", "bank-transfer", "slow-refund", "The refund waited for the weekly batch; paid out the same day by hand.", 0.10, 0.14),
    ];

    /// <summary>NPS answers of detractors, 0 to 6, by how often each comes: the angry 0s and the lukewarm 5s and 6s.</summary>
    private static readonly double[] DetractorScores = [0.16, 0.06, 0.04, 0.05, 0.09, 0.25, 0.35];

    private static readonly string[] Channels = ["web", "app", "phone"];

    private readonly Random _random = new(20261206);
    private readonly HashSet<string> _cases = [];
    private int _signals;

    /// <summary>The late-delivery cause, for the complaints that reach the contact centre directly.</summary>
    public static Cause LateDelivery => Causes[0];

    /// <summary>Detractors from <paramref name="from"/> until <paramref name="until"/>, each opening a case (or joining the customer's active one) when it arrives.</summary>
    public void Detractors(DateTimeOffset from, DateTimeOffset until, DateTimeOffset fixShipped)
    {
        for (var day = from; day < until; day = day.AddDays(1))
        {
            var afterFix = day >= fixShipped;
            var perSlot = (afterFix ? CasesPerDayAfterFix : CasesPerDayBeforeFix) / 5;
            for (var slot = 0; slot < 5; slot++)
            {
                if (_random.NextDouble() >= perSlot)
                {
                    continue;
                }

                var cause = PickCause(afterFix);
                var occurred = day.AddHours(7 + _random.Next(14)).AddMinutes(_random.Next(60));
                var answered = occurred.AddMinutes(_random.Next(5, 240));
                var detractor = Detractor(cause, occurred);
                if (answered < until)
                {
                    timeline.At(answered, () => OpenAsync(detractor, cause));
                }
            }
        }
    }

    /// <summary>A customer who rang the contact centre instead of answering a survey: the agent opens the case by hand.</summary>
    public void ComplaintByPhone(DateTimeOffset at, string customerId, string title, Cause cause) =>
        timeline.At(at, async () =>
        {
            actor.Set("contact-centre");
            var opened = await api.Cases.OpenByHandAsync(new V1.OpenCaseRequest
            {
                Title = title,
                CustomerId = customerId,
                JourneyId = cause.JourneyId,
                JourneyStepId = cause.StepId,
                Touchpoint = cause.Touchpoint,
                Priority = CommonV1.CasePriority.High,
            }, cancellationToken);
            _cases.Add(opened.CaseId);
            Work(opened.CaseId, opened.Owner, Priority.High, at, opened.DueAt.ToDateTimeOffset(), cause, Chinese(customerId));
        });

    private async Task OpenAsync(DetractorDetected detractor, Cause cause)
    {
        actor.Set(ActorContext.System);
        var opened = await api.Cases.OpenFromDetractorAsync(detractor, cancellationToken);

        // No rule wanted it, or it joined the customer's case already open on the journey.
        if (opened is null || !_cases.Add(opened.CaseId))
        {
            return;
        }

        Work(opened.CaseId, opened.Owner, (Priority)opened.Priority, clock.Now, new DateTimeOffset(opened.DueAtUtc!.Value, TimeSpan.Zero), cause, Chinese(opened.CustomerId));
    }

    /// <summary>
    /// What the owner does with a case and when, in service hours: picks it up, sometimes waits on
    /// the customer, resolves it within the SLA or past it, and closes it once the customer heard back.
    /// </summary>
    private void Work(string caseId, string owner, Priority priority, DateTimeOffset opened, DateTimeOffset due, Cause cause, bool chinese)
    {
        var hours = sla.Hours;
        var target = TimeSpan.FromHours(sla.For(priority).ResolveWithinHours);
        var met = _random.NextDouble() < SlaMetShare;
        var spent = target * (met ? Between(0.3, 0.95) : Between(1.1, 2.2));
        var resolution = new V1.CaseResolution
        {
            RootCauseCategory = cause.RootCause,
            Notes = cause.Notes + (chinese ? " Called back in Mandarin." : string.Empty),
            // A customer helped in time is won back more often than one left waiting.
            Recovered = _random.NextDouble() < (met ? 0.7 : 0.4),
            FollowUpChannel = _random.NextDouble() < 0.7 ? "email" : "phone",
            FollowUpLanguage = chinese ? "zh-CN" : "en",
        };

        var resolved = hours.Add(opened, spent);
        var waits = _random.NextDouble() < WaitingShare;

        // A quick case is often settled on the first call back, straight from open to resolved.
        if (waits || spent > target / 2)
        {
            timeline.At(hours.Add(opened, target * Between(0.02, 0.15)), () => MoveAsync(caseId, owner, V1.CaseStatus.InProgress));
        }

        if (waits)
        {
            // The SLA clock stops while the customer is away, and resumes with what was left.
            var before = target * Between(0.2, 0.28);
            var waiting = hours.Add(opened, before);
            var resumed = hours.Add(waiting + TimeSpan.FromHours(Between(4, 40)), TimeSpan.FromMinutes(5));
            timeline.At(waiting, () => MoveAsync(caseId, owner, V1.CaseStatus.WaitingOnCustomer, "Left a message; waiting for the customer to call back."));
            resolved = hours.Add(resumed, spent - before);
            var late = !met || resolved > timeline.End;
            timeline.At(resumed, async () =>
            {
                var resumedCase = await MoveAsync(caseId, owner, V1.CaseStatus.InProgress, "The customer called back.");
                if (late)
                {
                    WatchSla(resumedCase.DueAt.ToDateTimeOffset());
                }
            });
        }

        // Only a case still unresolved when it falls due needs the watch; a check for any other would find nothing.
        if (!met || resolved > timeline.End)
        {
            WatchSla(due);
        }

        timeline.At(resolved, () => MoveAsync(caseId, owner, V1.CaseStatus.Resolved, resolution: resolution));

        // Closed once the customer confirmed, which can take days.
        timeline.At(hours.Add(resolved + TimeSpan.FromHours(Between(4, 120)), TimeSpan.FromMinutes(10)), () => MoveAsync(caseId, owner, V1.CaseStatus.Closed, "The customer heard back."));
    }

    /// <summary>The SLA watch, replayed: a check just after the case falls due escalates it if it is still unresolved.</summary>
    private void WatchSla(DateTimeOffset due) =>
        timeline.At(due.AddSeconds(30), async () =>
        {
            actor.Set(ActorContext.System);
            await api.Cases.EscalateOverdueAsync(clock.Now, cancellationToken);
        });

    private async Task<V1.Case> MoveAsync(string caseId, string owner, V1.CaseStatus to, string note = "", V1.CaseResolution? resolution = null)
    {
        actor.Set(owner);
        return await api.Cases.MoveAsync(new V1.MoveCaseRequest { CaseId = caseId, To = to, Note = note, Resolution = resolution }, cancellationToken);
    }

    private DetractorDetected Detractor(Cause cause, DateTimeOffset occurred)
    {
        var team = _random.Next(1, 4);
        var support = cause.StepId == "support";
        return new DetractorDetected
        {
            // Names the survey answer it stands for; these answers are the demo's, not in Measurement.
            ResponseId = $"demo-history-{++_signals:D4}",
            MetricId = "nps-relationship",
            Score = Pick(DetractorScores) - 1,
            Context = new CommonV1.ResponseContext
            {
                Channel = Channels[_random.Next(Channels.Length)],
                JourneyId = cause.JourneyId,
                JourneyStepId = cause.StepId,
                Touchpoint = cause.Touchpoint,
                Segment = _random.Next(2) == 0 ? "consumer" : "business",
                Region = _random.Next(4) == 0 ? "north" : "south",
                TeamId = support ? $"support-{team}" : string.Empty,
                EmployeeId = support ? $"agent-{((team - 1) * 4) + _random.Next(1, 5)}" : string.Empty,
                CustomerId = $"customer-{_random.Next(1, 1500)}",
                OccurredAt = Timestamp.FromDateTimeOffset(occurred),
            },
        };
    }

    /// <summary>One customer in four is followed up in Chinese, the same customer every time.</summary>
    private static bool Chinese(string customerId) =>
        int.TryParse(customerId.AsSpan(customerId.LastIndexOf('-') + 1), out var number) && number % 4 == 0;

    private Cause PickCause(bool afterFix)
    {
        var draw = _random.NextDouble();
        foreach (var cause in Causes)
        {
            draw -= afterFix ? cause.AfterFix : cause.BeforeFix;
            if (draw < 0)
            {
                return cause;
            }
        }

        return Causes[^1];
    }

    /// <summary>A 1-based index drawn by the given shares.</summary>
    private int Pick(double[] shares)
    {
        var draw = _random.NextDouble();
        for (var i = 0; i < shares.Length - 1; i++)
        {
            draw -= shares[i];
            if (draw < 0)
            {
                return i + 1;
            }
        }

        return shares.Length;
    }

    private double Between(double low, double high) => low + ((high - low) * _random.NextDouble());

    /// <summary>What went wrong at a journey step, what the owner did, and how often it came up before and after the delivery fix.</summary>
    internal sealed record Cause(string JourneyId, string StepId, string Touchpoint, string RootCause, string Notes, double BeforeFix, double AfterFix);
}
