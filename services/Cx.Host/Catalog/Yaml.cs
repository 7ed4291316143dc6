using System.Globalization;
using System.Text.RegularExpressions;

namespace Cx.Host.Catalog;

/// <summary>Scalars for the generated YAML files, quoted only where YAML would read them as something else.</summary>
internal static partial class Yaml
{
    public static string Scalar(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var plain = PlainScalar().IsMatch(value)
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            && !Keywords.Contains(value);
        return plain ? value : Quoted(value);
    }

    public static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Words YAML 1.1 readers (Helm's among them) take for booleans or null.
    private static readonly HashSet<string> Keywords = new(["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"], StringComparer.OrdinalIgnoreCase);

    // No colon, so an address is never mistaken for a key in a flow mapping ({name: x, value: y}).
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_./=;-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainScalar();
}
