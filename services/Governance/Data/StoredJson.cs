using System.Text.Json;
using Google.Protobuf;

namespace Cx.Governance.Data;

/// <summary>Lists and contract messages kept in one column: read and written whole, never queried inside.</summary>
internal static class StoredJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static string Of(IEnumerable<string> values) => JsonSerializer.Serialize(values.ToArray());

    public static string[] Strings(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    public static string Of<T>(IEnumerable<T> messages)
        where T : IMessage => "[" + string.Join(",", messages.Select(m => Formatter.Format(m))) + "]";

    public static List<T> Messages<T>(string json)
        where T : IMessage<T>, new()
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => Parser.Parse<T>(e.GetRawText())).ToList();
    }

    public static string Of(IMessage message) => Formatter.Format(message);

    public static T Message<T>(string json)
        where T : IMessage<T>, new() => Parser.Parse<T>(json);
}
