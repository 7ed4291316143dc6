using Google.Protobuf.Reflection;

namespace Cx.Gateway.OpenApi;

/// <summary>
/// The comments written above a proto element. Descriptors compiled into C# carry no source info,
/// so these are usually absent; the document then simply has no descriptions.
/// </summary>
internal static class ProtoComments
{
    public static string? Of(IDescriptor descriptor)
    {
        var comments = (descriptor as DescriptorBase)?.Declaration?.LeadingComments;
        if (string.IsNullOrWhiteSpace(comments))
        {
            return null;
        }

        // protoc keeps the space after "//" and the line breaks; the breaks are only where the author wrapped.
        var lines = comments.Split('\n').Select(line => line.Trim());
        return string.Join('\n', lines).Trim();
    }

    /// <summary>The first sentence, for an operation's summary; the whole comment stays its description.</summary>
    public static string FirstSentence(string comment)
    {
        var text = comment.Split("\n\n", 2)[0].Replace('\n', ' ');
        for (var i = 0; i < text.Length - 1; i++)
        {
            // "e.g. the" does not end a sentence; ". The" does.
            if (text[i] == '.' && text[i + 1] == ' ' && i + 2 < text.Length && char.IsUpper(text[i + 2]))
            {
                return text[..(i + 1)];
            }
        }

        return text;
    }
}
