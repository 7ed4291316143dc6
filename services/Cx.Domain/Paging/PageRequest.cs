using System.Text;
using Cx.Domain.Errors;

namespace Cx.Domain.Paging;

/// <summary>
/// A validated page request over items ordered by a unique key: at most <see cref="Size"/> items
/// whose key comes after <see cref="AfterKey"/>. Keyset paging, so pages stay stable while items
/// are added or removed.
/// </summary>
public sealed record PageRequest(int Size, string? AfterKey)
{
    public const int DefaultSize = 25;
    public const int MaxSize = 100;

    private const string TokenPrefix = "k1:";

    /// <summary>
    /// Reads the contract's <c>page_size</c> and <c>page_token</c> fields; each wrong one is recorded
    /// on <paramref name="validator"/> under its field name.
    /// </summary>
    public static PageRequest Read(int pageSize, string? pageToken, Validator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        validator.Require(pageSize is >= 0 and <= MaxSize, "page_size", $"Must be between 1 and {MaxSize}, or 0 for the default of {DefaultSize}.");
        string? afterKey = null;
        if (!string.IsNullOrEmpty(pageToken) && !TryDecode(pageToken, out afterKey))
        {
            validator.Add("page_token", "Not a token this API issued: pass next_page_token from a previous response unchanged.");
        }

        return new PageRequest(pageSize == 0 ? DefaultSize : pageSize, afterKey);
    }

    /// <summary>The token that continues after <paramref name="lastKey"/>.</summary>
    public static string TokenAfter(string lastKey)
    {
        ArgumentNullException.ThrowIfNull(lastKey);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenPrefix + lastKey))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>One page of <paramref name="ordered"/> (sorted by <paramref name="key"/>, ordinal), and the next token.</summary>
    public (IReadOnlyList<T> Items, string NextPageToken) Apply<T>(IEnumerable<T> ordered, Func<T, string> key)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(key);
        var rest = AfterKey is null ? ordered : ordered.Where(item => string.CompareOrdinal(key(item), AfterKey) > 0);

        // One more than asked for tells whether another page exists.
        var window = rest.Take(Size + 1).ToList();
        if (window.Count <= Size)
        {
            return (window, string.Empty);
        }

        window.RemoveAt(Size);
        return (window, TokenAfter(key(window[^1])));
    }

    private static bool TryDecode(string token, out string? afterKey)
    {
        afterKey = null;
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        if (!text.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        afterKey = text[TokenPrefix.Length..];
        return true;
    }
}
