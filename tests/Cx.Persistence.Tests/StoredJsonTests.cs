using Cx.Persistence;
using Google.Protobuf.WellKnownTypes;

namespace Cx.Persistence.Tests;

/// <summary>One column, two forms: contract messages in their protobuf JSON, plain values in System.Text.Json; never the one for the other.</summary>
public sealed class StoredJsonTests
{
    [Fact]
    public void AContractMessage_OrAListOfThem_IsRefusedByOf_AndRoundTripsThroughMessages()
    {
        var stamp = Timestamp.FromDateTime(new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc));

        Assert.Throws<ArgumentException>(() => StoredJson.Of(stamp));
        Assert.Throws<ArgumentException>(() => StoredJson.Of(new List<Timestamp> { stamp }));
        Assert.Equal("[\"2026-12-07T00:00:00Z\"]", StoredJson.Messages(new[] { stamp }));
        Assert.Equal([stamp], StoredJson.Messages<Timestamp>(StoredJson.Messages(new[] { stamp })));
    }

    [Fact]
    public void PlainValues_RoundTrip()
    {
        Assert.Equal(["a", "b"], StoredJson.Strings(StoredJson.Of(new[] { "a", "b" }.Select(s => s))));
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "gold" }, StoredJson.Read<Dictionary<string, string>>(StoredJson.Of(new Dictionary<string, string> { ["tier"] = "gold" })));
    }
}
