using System.Text.RegularExpressions;

namespace Cx.Understanding.Domain.Timeline;

/// <summary>The channels an interaction is recorded on, and the limits of what it says.</summary>
public static partial class Channels
{
    /// <summary>The usual ones; a tenant may name others in the same form.</summary>
    public static readonly IReadOnlyList<string> Known = ["phone", "email", "chat", "self_service", "web", "app", "store", "sms", "social", "mail"];

    public const string Rule = "Lower-case letters, digits, '_' and '-', starting with a letter, at most 32 characters: e.g. phone, email, chat, self_service, web, app, store.";

    public const int MaxSummary = 2_000;

    public static bool IsWellFormed(string channel) => Pattern().IsMatch(channel);

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,31}$")]
    private static partial Regex Pattern();
}
