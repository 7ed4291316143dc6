using System.Globalization;

namespace Cx.Culture.Data;

/// <summary>
/// Where a newest-first page ends: the last row's time (in ticks, so no precision is lost) and its
/// id, which breaks ties. The next page starts strictly before it.
/// </summary>
internal static class NewestFirst
{
    public static string KeyOf(DateTime at, string id) => at.Ticks.ToString("D19", CultureInfo.InvariantCulture) + "/" + id;

    public static (DateTime At, string Id)? Read(string key) =>
        key.Split('/') is [var ticks, var id] && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTime.MaxValue.Ticks
            ? (new DateTime(t, DateTimeKind.Utc), id)
            : null;
}
