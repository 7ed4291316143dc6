using Cx.Eventing.Envelope;
using Cx.Testing.Events.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Cx.Eventing.Tests;

/// <summary>What an event message declares in the contract: its type and its example payload.</summary>
public sealed class EventTypesTests
{
    [Fact]
    public void Of_Event_IsItsDeclaredType() =>
        Assert.Equal("cx.testing.order_placed.v1", EventTypes.Of(OrderPlaced.Descriptor));

    [Fact]
    public void ExampleOf_Event_IsItsDeclaredPayloadInProto3Json()
    {
        var example = JsonParser.Default.Parse<OrderPlaced>(EventTypes.ExampleOf(OrderPlaced.Descriptor));

        Assert.Equal(new OrderPlaced { OrderId = "order-20261123-0042", CustomerId = "customer-1187", AmountCents = 4999 }, example);
    }

    [Fact]
    public void ExampleOf_MessageWithoutExample_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EventTypes.ExampleOf(Timestamp.Descriptor));

        Assert.Contains("google.protobuf.Timestamp declares no example payload", error.Message, StringComparison.Ordinal);
    }
}
