using System.Globalization;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Cx.Strategy.Data;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Strategy.V1;

namespace Cx.Strategy.Vision;

/// <summary>
/// The tenant's CX vision: a short statement tied to the company's objectives, its brand and the
/// end-to-end journeys it covers, published in versions that are never changed afterwards.
/// </summary>
internal sealed class VisionApi(StrategyDb db, ActorContext actor, TimeProvider clock)
{
    public const string ResourceType = "vision";
    public const int MaxStatement = 300;
    public const int MaxTitle = 200;
    public const int MaxAim = 500;
    public const int MaxAttribute = 40;
    public const int MaxItems = 10;

    public async Task<V1.Vision> PublishAsync(V1.PublishVisionRequest request, CancellationToken cancellationToken)
    {
        var vision = request.Vision;
        var validator = new Validator();
        if (vision is null)
        {
            validator.Add("vision", "Required.").ThrowIfInvalid();
            return null!;
        }

        var statement = vision.Statement.Trim();
        validator
            .Require(statement.Length is > 0 and <= MaxStatement, "vision.statement", $"Required, at most {MaxStatement} characters: specific, clear and memorable enough for anyone to repeat.")
            .Require(vision.BusinessObjectives.Count is > 0 and <= MaxItems, "vision.business_objectives", $"1 to {MaxItems} objectives of the company's strategy it supports.")
            .Require(vision.BrandAttributes.Count is > 0 and <= MaxItems, "vision.brand_attributes", $"1 to {MaxItems} attributes of the brand it fits.")
            .Require(vision.JourneyIds.Count is > 0 and <= MaxItems, "vision.journey_ids", $"1 to {MaxItems} end-to-end journeys it covers.")
            .Require(vision.Version == 0 && vision.PublishedAt is null && vision.PublishedBy.Length == 0, "vision.version", "Set by the service: leave version, published_at and published_by empty.")
            .Require(!request.HasExpectedVersion || request.ExpectedVersion >= 0, "expected_version", "The version this one replaces: 0 for the first.");
        for (var i = 0; i < vision.BusinessObjectives.Count; i++)
        {
            var objective = vision.BusinessObjectives[i];
            validator
                .Require(Identifier.IsValid(objective.ObjectiveId), $"vision.business_objectives[{i}].objective_id", Identifier.Rule)
                .Require(objective.Title.Trim().Length is > 0 and <= MaxTitle, $"vision.business_objectives[{i}].title", $"Required, at most {MaxTitle} characters.");
        }

        validator.Require(vision.BusinessObjectives.Select(o => o.ObjectiveId).Distinct().Count() == vision.BusinessObjectives.Count, "vision.business_objectives", "Each objective id at most once.");
        for (var i = 0; i < vision.BrandAttributes.Count; i++)
        {
            validator.Require(vision.BrandAttributes[i].Trim().Length is > 0 and <= MaxAttribute, $"vision.brand_attributes[{i}]", $"A word or two, at most {MaxAttribute} characters.");
        }

        for (var i = 0; i < vision.JourneyIds.Count; i++)
        {
            validator.Require(Identifier.IsValid(vision.JourneyIds[i]), $"vision.journey_ids[{i}]", "A journey id: " + Identifier.Rule);
        }

        validator.Require(vision.JourneyIds.Distinct().Count() == vision.JourneyIds.Count, "vision.journey_ids", "Each journey at most once.");
        for (var i = 0; i < vision.LevelAims.Count; i++)
        {
            var aim = vision.LevelAims[i];
            validator
                .Require(aim.Level != V1.ExperienceLevel.Unspecified && System.Enum.IsDefined(aim.Level), $"vision.level_aims[{i}].level", "MEETS_NEEDS, EASY or ENJOYABLE.")
                .Require(aim.Aim.Trim().Length is > 0 and <= MaxAim, $"vision.level_aims[{i}].aim", $"Required, at most {MaxAim} characters.");
        }

        validator
            .Require(vision.LevelAims.Select(a => a.Level).Distinct().Count() == vision.LevelAims.Count, "vision.level_aims", "Each level at most once.")
            .ThrowIfInvalid();

        var latest = await db.Visions.AsNoTracking().Select(v => (int?)v.Version).MaxAsync(cancellationToken) ?? 0;
        if (request.HasExpectedVersion && request.ExpectedVersion != latest)
        {
            throw new PreconditionFailedException("VERSION_MISMATCH", ResourceType,
                $"Version {latest} is the latest, not {request.ExpectedVersion}: read it and publish against it.");
        }

        var now = clock.GetUtcNow();
        var published = new V1.Vision
        {
            Version = latest + 1,
            Statement = statement,
            BusinessObjectives = { vision.BusinessObjectives.Select(o => new V1.BusinessObjective { ObjectiveId = o.ObjectiveId, Title = o.Title.Trim() }) },
            BrandAttributes = { vision.BrandAttributes.Select(a => a.Trim()) },
            JourneyIds = { vision.JourneyIds },
            LevelAims = { vision.LevelAims.OrderBy(a => a.Level).Select(a => new V1.LevelAim { Level = a.Level, Aim = a.Aim.Trim() }) },
            PublishedAt = Timestamp.FromDateTimeOffset(now),
            PublishedBy = actor.Actor,
        };
        db.Visions.Add(new VisionRecord { Version = published.Version, PublishedAtUtc = now.UtcDateTime, DocumentJson = StoredJson.Message(published) });
        db.Raise(new VisionPublished
        {
            Version = published.Version,
            Statement = published.Statement,
            ObjectiveIds = { published.BusinessObjectives.Select(o => o.ObjectiveId) },
            BrandAttributes = { published.BrandAttributes },
            JourneyIds = { published.JourneyIds },
            PublishedAt = published.PublishedAt,
            PublishedBy = published.PublishedBy,
        }, published.Version.ToString(CultureInfo.InvariantCulture));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new PreconditionFailedException("VERSION_MISMATCH", ResourceType,
                $"Version {published.Version} was published by another call meanwhile: read it and publish against it.");
        }

        return published;
    }

    public async Task<V1.Vision> GetAsync(int version, CancellationToken cancellationToken)
    {
        new Validator().Require(version >= 0, "version", "0 (the latest) or a version number.").ThrowIfInvalid();
        return await FindAsync(version, cancellationToken)
            ?? throw new NotFoundException(ResourceType, version == 0 ? "latest" : version.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The latest vision, or a past version; null when there is none.</summary>
    public async Task<V1.Vision?> FindAsync(int version, CancellationToken cancellationToken)
    {
        var visions = db.Visions.AsNoTracking();
        var json = await (version == 0 ? visions.OrderByDescending(v => v.Version) : visions.Where(v => v.Version == version))
            .Select(v => v.DocumentJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : StoredJson.Message<V1.Vision>(json);
    }

    public async Task<V1.ListVisionVersionsResponse> ListAsync(V1.ListVisionVersionsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        var before = int.MaxValue;
        if (page.AfterKey is { } key && !int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out before))
        {
            validator.Add("page_token", "A next_page_token this list gave.");
        }

        validator.ThrowIfInvalid();
        var rows = await db.Visions.AsNoTracking().Where(v => v.Version < before).OrderByDescending(v => v.Version).Take(page.Size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > page.Size ? PageRequest.TokenAfter(rows[page.Size - 1].Version.ToString(CultureInfo.InvariantCulture)) : string.Empty;
        return new V1.ListVisionVersionsResponse
        {
            Versions = { rows.Take(page.Size).Select(r => StoredJson.Message<V1.Vision>(r.DocumentJson)) },
            NextPageToken = next,
        };
    }
}
