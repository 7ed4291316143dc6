using System.Text.Json;
using Google.Protobuf;

namespace Cx.Persistence;

/// <summary>
/// Values, lists and contract messages kept in one column: read and written whole, never queried
/// inside. Contract messages go through protobuf's JSON form (its names and enums, unknown fields
/// skipped on read, so a column written by a later version still reads); everything else through
/// System.Text.Json.
/// </summary>
public static class StoredJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>A plain value (strings, records, lists and maps of them); contract messages take <see cref="Message"/> or <see cref="Messages{T}(IEnumerable{T})"/>.</summary>
    public static string Of<T>(T value)
    {
        // System.Text.Json would write a message's C# properties, not its contract form, and read nothing back.
        if (value is IMessage or IEnumerable<IMessage>)
        {
            throw new ArgumentException("Contract messages are stored with Message or Messages.", nameof(value));
        }

        return JsonSerializer.Serialize(value);
    }

    public static T Read<T>(string json)
        where T : new() => JsonSerializer.Deserialize<T>(json) ?? new T();

    public static string[] Strings(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    public static string Message(IMessage message) => Formatter.Format(message);

    public static T Message<T>(string json)
        where T : IMessage<T>, new() => Parser.Parse<T>(json);

    public static string Messages<T>(IEnumerable<T> messages)
        where T : IMessage => "[" + string.Join(",", messages.Select(m => Formatter.Format(m))) + "]";

    public static List<T> Messages<T>(string json)
        where T : IMessage<T>, new()
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => Parser.Parse<T>(e.GetRawText())).ToList();
    }
}
