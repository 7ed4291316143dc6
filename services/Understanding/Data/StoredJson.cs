using System.Text.Json;
using Google.Protobuf;

namespace Cx.Understanding.Data;

/// <summary>Maps, lists and contract messages kept in one column: read and written whole, never queried inside.</summary>
internal static class StoredJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static string Of<T>(T value) => JsonSerializer.Serialize(value);

    public static T Read<T>(string json)
        where T : new() => JsonSerializer.Deserialize<T>(json) ?? new T();

    public static string Message(IMessage message) => Formatter.Format(message);

    public static T Message<T>(string json)
        where T : IMessage<T>, new() => Parser.Parse<T>(json);
}
