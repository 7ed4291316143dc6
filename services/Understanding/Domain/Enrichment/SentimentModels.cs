namespace Cx.Understanding.Domain.Enrichment;

/// <summary>The names a comment's analysis records for the model that gave its sentiment.</summary>
public static class SentimentModels
{
    /// <summary>The built-in engine's rules and lexicons (<see cref="EnrichmentEngine"/>), first version.</summary>
    public const string BuiltIn = "builtin-1";

    /// <summary>The tenant's external model, reached over HTTP.</summary>
    public const string External = "external";
}
