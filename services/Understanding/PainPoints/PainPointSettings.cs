using Cx.Understanding.Domain.PainPoints;
using Microsoft.Extensions.Configuration;

namespace Cx.Understanding.PainPoints;

/// <summary>Detection's thresholds from Cx:Understanding:PainPoints (WindowDays, MinMentions, MinShare), each checked at start.</summary>
internal static class PainPointSettings
{
    public const string Section = "Cx:Understanding:PainPoints";

    public static DetectionSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = DetectionSettings.Default;
        var settings = new DetectionSettings(
            section.GetValue("WindowDays", defaults.WindowDays),
            section.GetValue("MinMentions", defaults.MinMentions),
            section.GetValue("MinShare", defaults.MinShare));
        if (settings.WindowDays is < 1 or > 3_650 || settings.MinMentions < 1 || settings.MinShare is < 0 or >= 1)
        {
            throw new InvalidOperationException($"{Section}: WindowDays must be 1 to 3650, MinMentions at least 1 and MinShare from 0 to below 1; they are {settings.WindowDays}, {settings.MinMentions} and {settings.MinShare}.");
        }

        return settings;
    }
}
