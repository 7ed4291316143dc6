using Cx.Understanding.Domain.Enrichment;
using Cx.Understanding.Domain.Enrichment.Praise;
using Cx.Understanding.Domain.Enrichment.Topics;

namespace Cx.Understanding.Tests.Enrichment;

/// <summary>One engine for the whole suite: jieba's dictionary loads once per process.</summary>
public sealed class EnrichmentFixture : IDisposable
{
    public EnrichmentEngine Engine { get; } = new();

    public static Taxonomy Taxonomy { get; } = Taxonomy.Compile(3,
    [
        new("delivery", "Delivery", ["deliver* | courier | parcel | 快递 | 配送 | 送货"]),
        new("refunds", "Refunds", ["refund* | money back | 退款 NOT NEAR tax | 退税 WITHIN 3"]),
        new("billing", "Billing", ["bill | invoice* | charged | 账单 | 扣费", "direct debit"]),
    ]);

    public static IReadOnlyList<NamedTarget> Names { get; } =
    [
        new("emp-anna", PraiseTargetKind.Employee, ["Anna", "Anna Li"]),
        new("team-leeds", PraiseTargetKind.Team, ["Leeds depot"]),
        new("emp-wang", PraiseTargetKind.Employee, ["小王"]),
    ];

    public void Dispose() => Engine.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EnrichmentGroup : ICollectionFixture<EnrichmentFixture>
{
    public const string Name = "enrichment";
}
