using System.Globalization;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.Enrichment;
using Cx.Understanding.Domain.Enrichment.Topics;
using Cx.Understanding.Feedback;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Topics;

/// <summary>
/// The tenant's topics: the whole list set at once, each change a new version that is never
/// changed again (feedback keeps the version it was tagged with), and a draft tried on a text
/// before it is set.
/// </summary>
internal sealed class TaxonomyApi(UnderstandingDb db, EnrichmentEngine engine, ActorContext actor, TimeProvider clock)
{
    public async Task<V1.Taxonomy> SetAsync(V1.SetTaxonomyRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(!request.HasExpectedVersion || request.ExpectedVersion >= 0, "expected_version", "0 or more: the version read (0 when there was none).")
            .ThrowIfInvalid();
        var topics = ToDomain(request.Topics);
        var current = await db.Taxonomies.OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);
        var currentVersion = current?.Version ?? 0;
        Taxonomy.Compile(currentVersion + 1, topics);
        if (request.HasExpectedVersion && request.ExpectedVersion != currentVersion)
        {
            throw new ConcurrencyConflictException("taxonomy", "current", currentVersion);
        }

        var json = StoredJson.Of(topics);
        if (current is not null && current.TopicsJson == json)
        {
            // The same list again is no change: no new version, so feedback keeps being tagged as before.
            return ToContract(current);
        }

        var record = new TaxonomyRecord { Version = currentVersion + 1, TopicsJson = json, CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = actor.Actor };
        db.Taxonomies.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Cx.Persistence.DatabaseErrors.IsUniqueViolation(e))
        {
            throw new ConcurrencyConflictException("taxonomy", "current", record.Version);
        }

        return ToContract(record);
    }

    public async Task<V1.Taxonomy> GetAsync(V1.GetTaxonomyRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(request.Version >= 0, "version", "0 (the current version) or a version number.").ThrowIfInvalid();
        var rows = db.Taxonomies.AsNoTracking();
        var record = request.Version == 0
            ? await rows.OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken)
            : await rows.FirstOrDefaultAsync(t => t.Version == request.Version, cancellationToken)
                ?? throw new NotFoundException("taxonomy version", request.Version.ToString(CultureInfo.InvariantCulture));
        return record is null ? new V1.Taxonomy() : ToContract(record);
    }

    public async Task<V1.ListTaxonomyVersionsResponse> ListVersionsAsync(V1.ListTaxonomyVersionsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        long? after = null;
        if (page.AfterKey is { } key)
        {
            after = long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            validator.Require(after is not null, "page_token", "Not a token this API issued: pass next_page_token from a previous response unchanged.");
        }

        validator.ThrowIfInvalid();
        var rows = db.Taxonomies.AsNoTracking();
        if (after is { } version)
        {
            rows = rows.Where(t => t.Version < version);
        }

        var window = await rows.OrderByDescending(t => t.Version).Take(page.Size + 1).ToListAsync(cancellationToken);
        var response = new V1.ListTaxonomyVersionsResponse
        {
            Versions =
            {
                window.Take(page.Size).Select(t => new V1.TaxonomyVersion
                {
                    Version = t.Version,
                    TopicCount = StoredJson.Read<List<TopicDefinition>>(t.TopicsJson).Count,
                    CreatedAt = ContractMapping.ToTimestamp(t.CreatedAtUtc),
                    CreatedBy = t.CreatedBy,
                }),
            },
        };
        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].Version.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    /// <summary>The draft is checked as SetTaxonomy checks it, then run over the text as enrichment would run it; nothing is kept.</summary>
    public V1.TestTaxonomyResponse Test(V1.TestTaxonomyRequest request)
    {
        var taxonomy = Taxonomy.Compile(1, ToDomain(request.Topics));
        var result = engine.Enrich(new EnrichmentRequest(request.Text, taxonomy));
        return new V1.TestTaxonomyResponse
        {
            Language = result.Language,
            Matches =
            {
                result.Topics.Select(m => new V1.TopicMatch { TopicId = m.TopicId, RuleIndex = m.RuleIndex, Text = m.Text, Start = m.Span.Start, Length = m.Span.Length }),
            },
        };
    }

    private static List<TopicDefinition> ToDomain(IEnumerable<V1.Topic> topics) =>
        topics.Select(t => new TopicDefinition(t.TopicId, t.Name, t.Rules.ToList(), t.ParentTopicId.Length > 0 ? t.ParentTopicId : null)).ToList();

    private static V1.Taxonomy ToContract(TaxonomyRecord record) => new()
    {
        Version = record.Version,
        Topics =
        {
            StoredJson.Read<List<TopicDefinition>>(record.TopicsJson).Select(t => new V1.Topic
            {
                TopicId = t.Id,
                Name = t.Name,
                Rules = { t.Rules },
                ParentTopicId = t.ParentId ?? string.Empty,
            }),
        },
        CreatedAt = ContractMapping.ToTimestamp(record.CreatedAtUtc),
        CreatedBy = record.CreatedBy,
    };
}
