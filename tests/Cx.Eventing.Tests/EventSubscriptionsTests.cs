using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Google.Protobuf;

namespace Cx.Eventing.Tests;

public sealed class EventSubscriptionsTests
{
    [Fact]
    public void OnEach_OneSubscriptionPerEventType_NamedAfterHandlerAndType()
    {
        var subscriptions = new EventSubscriptions("relay")
            .OnEach<ForwardEverything>([DetractorDetected.Descriptor, CaseOpened.Descriptor]);

        Assert.Equal(
            [("relay.ForwardEverything.cx.measurement.detractor_detected.v1", "cx.measurement.detractor_detected.v1", DetractorDetected.Descriptor),
             ("relay.ForwardEverything.cx.governance.case_opened.v1", "cx.governance.case_opened.v1", CaseOpened.Descriptor)],
            subscriptions.All.Select(s => (s.Name, s.EventType, s.Message)));
        Assert.All(subscriptions.All, s => Assert.Equal(typeof(ForwardEverything), s.Handler));
    }

    [Fact]
    public void OnEach_TheSameTypeTwice_OrAMessageThatIsNoEvent_Refused()
    {
        var twice = Assert.Throws<InvalidOperationException>(() =>
            new EventSubscriptions("relay").OnEach<ForwardEverything>([CaseOpened.Descriptor, CaseOpened.Descriptor]));
        var notAnEvent = Assert.Throws<InvalidOperationException>(() =>
            new EventSubscriptions("relay").OnEach<ForwardEverything>([Cx.Common.V1.Answer.Descriptor]));

        Assert.Equal("The subscription relay.ForwardEverything.cx.governance.case_opened.v1 is declared twice.", twice.Message);
        Assert.Contains("declares no (cx.events.v1.event_type)", notAnEvent.Message, StringComparison.Ordinal);
    }

    private sealed class ForwardEverything : IHandleAnyEvent
    {
        public Task HandleAsync(IMessage message, EventContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
