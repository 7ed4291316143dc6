using System.Globalization;
using Cx.Persistence;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.Enrichment.Topics;
using Cx.Understanding.Feedback;
using Microsoft.EntityFrameworkCore;

namespace Cx.Understanding.Demo;

/// <summary>
/// The demo tenant's topics and names, so the measurement demo's comments (English and Chinese)
/// find their topics and their praised agents: agent-1 to agent-12, four to a support team, as
/// customers write their names in each language.
/// </summary>
internal static class DemoFeedbackSettings
{
    public const long TaxonomyVersion = 1;

    public static readonly TopicDefinition[] Topics =
    [
        new("late-delivery", "Late delivery", ["days late | arrived late | too slow | never came | 晚到 | 太慢 | 一直没来"]),
        new("courier", "Courier", ["courier | 快递员"]),
        new("waiting-on-hold", "Waiting on hold", ["on hold | 才有人接"]),
        new("refund", "Refund", ["refund* | 退款"]),
        new("app", "App", ["app | 应用"]),
    ];

    /// <summary>As the measurement demo's comments name them, agent-1 first.</summary>
    public static readonly (string English, string Chinese)[] Agents =
    [
        ("Li Wei", "小李"), ("Anna", "安娜"), ("Tom", "汤姆"), ("Wang Fang", "小王"),
        ("Sarah", "莎拉"), ("Zhang Min", "张敏"), ("David", "大卫"), ("Chen Jing", "陈静"),
        ("Maria", "玛丽亚"), ("Liu Yang", "刘洋"), ("James", "詹姆斯"), ("Zhou Lei", "周磊"),
    ];

    /// <summary>Adds what is missing: loading the demo again changes nothing.</summary>
    public static async Task SeedAsync(UnderstandingDb db, DateTime now, CancellationToken cancellationToken)
    {
        if (!await db.Taxonomies.AnyAsync(cancellationToken))
        {
            db.Taxonomies.Add(new TaxonomyRecord { Version = TaxonomyVersion, TopicsJson = StoredJson.Of(Topics), CreatedAtUtc = now, CreatedBy = "demo-loader" });
        }

        if (!await db.NameLists.AnyAsync(cancellationToken))
        {
            db.NameLists.Add(new Names.NameListRecord { Version = 1, CreatedAtUtc = now, CreatedBy = "demo-loader" });
        }

        var known = (await db.Names.Select(n => n.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        for (var a = 0; a < Agents.Length; a++)
        {
            var employee = "agent-" + (a + 1).ToString(CultureInfo.InvariantCulture);
            var team = "support-" + ((a / 4) + 1).ToString(CultureInfo.InvariantCulture);
            foreach (var name in new[] { Agents[a].English, Agents[a].Chinese }.Where(known.Add))
            {
                db.Names.Add(new NameRecord { Name = name, EmployeeId = employee, TeamId = team });
            }
        }
    }
}
