using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace Cx.Understanding.Domain.Profiles;

/// <summary>
/// One spelling per identity, so the same address or number given twice is recognised as one: an
/// email lower-cased, a phone number as '+' and its digits (E.164), account and device ids as given.
/// </summary>
public static partial class Identities
{
    public const int MaxLength = 254;

    public const int MaxPerProfile = 20;

    /// <summary>The stored form of <paramref name="value"/>, or false with what is wrong with it.</summary>
    public static bool TryNormalise(IdentityKind kind, string value, [NotNullWhen(true)] out string? normalised, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(value);
        normalised = null;
        var trimmed = value.Trim();
        if (trimmed.Length is 0 or > MaxLength)
        {
            problem = $"Required, at most {MaxLength} characters.";
            return false;
        }

        switch (kind)
        {
            case IdentityKind.Email:
                var email = trimmed.ToLowerInvariant();
                if (!EmailPattern().IsMatch(email))
                {
                    problem = "Not an email address: one '@', a domain with a dot, no spaces.";
                    return false;
                }

                normalised = email;
                break;
            case IdentityKind.Phone:
                if (Phone(trimmed) is not { } phone)
                {
                    problem = "Not a phone number: '+' (or '00'), the country code and 7 to 15 digits in all; spaces, dots, dashes and brackets are allowed.";
                    return false;
                }

                normalised = phone;
                break;
            default:
                if (trimmed.Any(char.IsControl))
                {
                    problem = "No control characters.";
                    return false;
                }

                normalised = trimmed;
                break;
        }

        problem = null;
        return true;
    }

    private static string? Phone(string text)
    {
        var rest = text.StartsWith('+') ? text[1..] : text.StartsWith("00", StringComparison.Ordinal) ? text[2..] : null;
        if (rest is null)
        {
            return null;
        }

        var digits = new StringBuilder("+");
        foreach (var c in rest)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '.' or '-' or '(' or ')'))
            {
                return null;
            }
        }

        var result = digits.ToString();
        return PhonePattern().IsMatch(result) ? result : null;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhonePattern();
}
