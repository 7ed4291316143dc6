using Cx.Culture.Data;
using Cx.Culture.Domain.Recognition;
using Cx.Culture.Recognition;
using Cx.Culture.Settings;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Culture.V1;

namespace Cx.Culture.Stories;

/// <summary>
/// Customer stories, curated from recognitions customers earned (the customer's words only with
/// their consent), and the training modules that tell them, each with a short check.
/// </summary>
internal sealed class StoriesApi(CultureDb db, SettingsApi settings, ActorContext actor, TimeProvider clock)
{
    public const string StoryType = "story";
    public const string ModuleType = "training module";
    public const int MaxTitle = 200;
    public const int MaxNarrative = 4_000;
    public const int MaxValues = 3;
    public const int MaxStories = 20;
    public const int MaxQuestions = 10;
    public const int MaxPrompt = 500;
    public const int MaxOption = 300;

    public async Task<V1.Story> CreateStoryAsync(V1.Story? story, CancellationToken cancellationToken)
    {
        var values = (await settings.GetAsync(cancellationToken)).Values.Select(v => v.ValueId).ToHashSet(StringComparer.Ordinal);
        var validator = new Validator();
        if (story is null)
        {
            validator.Add("story", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(Identifier.IsValid(story!.StoryId), "story.story_id", Identifier.Rule)
            .Require(story.Title.Trim().Length is > 0 and <= MaxTitle, "story.title", $"Required, at most {MaxTitle} characters.")
            .Require(Guid.TryParse(story.RecognitionId, out _), "story.recognition_id", "Required: the recognition from customers it tells.")
            .Require(story.Narrative.Trim().Length is > 0 and <= MaxNarrative, "story.narrative", $"Required, at most {MaxNarrative:N0} characters.")
            .Require(story.ValueIds.Count <= MaxValues && story.ValueIds.Distinct().Count() == story.ValueIds.Count && story.ValueIds.All(values.Contains), "story.value_ids", $"At most {MaxValues} of the tenant's values, each once.")
            .ThrowIfInvalid();
        if (await db.Stories.AnyAsync(s => s.StoryId == story.StoryId, cancellationToken))
        {
            throw new AlreadyExistsException(StoryType, story.StoryId);
        }

        var recognition = await db.Recognitions.AsNoTracking().FirstOrDefaultAsync(r => r.RecognitionId == story.RecognitionId, cancellationToken)
            ?? throw new NotFoundException(RecognitionsApi.ResourceType, story.RecognitionId);
        var subject = "recognition/" + recognition.RecognitionId;
        if (!RecognitionsApi.IsFromCustomers(recognition.Source))
        {
            throw new PreconditionFailedException("NOT_FROM_CUSTOMERS", subject, "A customer story is told from a recognition customers earned: praise, a rating or a recovered customer.");
        }

        if (recognition.Status != (int)RecognitionStatus.Awarded)
        {
            throw new PreconditionFailedException("NOT_AWARDED", subject, "Only an awarded recognition is told: the employee has not accepted it, or it is not approved, or it was declined.");
        }

        var evidence = StoredJson.Message<V1.CustomerEvidence>(recognition.EvidenceJson);
        if (evidence.QuoteRedacted)
        {
            throw new PreconditionFailedException("NO_CONSENT", subject, "The customer did not consent to their words being shown: their praise cannot be told as a story.");
        }

        var content = new V1.Story
        {
            StoryId = story.StoryId,
            Title = story.Title.Trim(),
            RecognitionId = recognition.RecognitionId,
            Narrative = story.Narrative.Trim(),
            ValueIds = { story.ValueIds },
            CustomerWords = evidence.Quote,
            Source = (Cx.Common.V1.RecognitionSource)recognition.Source,
            EmployeeId = recognition.EmployeeId,
            TeamId = recognition.TeamId,
            JourneyId = recognition.JourneyId,
            JourneyStepId = recognition.JourneyStepId,
            CreatedBy = actor.Actor,
            CreatedAt = RecognitionsApi.Utc(clock.GetUtcNow().UtcDateTime),
        };
        db.Stories.Add(new StoryRecord { StoryId = content.StoryId, JourneyStepId = content.JourneyStepId, ValueIdsKey = RecognitionsApi.ValueIdsKey(content.ValueIds), DocumentJson = StoredJson.Message(content) });
        await SaveAsync(StoryType, content.StoryId, cancellationToken);
        return content;
    }

    public async Task<V1.Story> GetStoryAsync(string storyId, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(storyId), "story_id", Identifier.Rule).ThrowIfInvalid();
        var record = await db.Stories.AsNoTracking().FirstOrDefaultAsync(s => s.StoryId == storyId, cancellationToken) ?? throw new NotFoundException(StoryType, storyId);
        return StoredJson.Message<V1.Story>(record.DocumentJson);
    }

    public async Task<V1.ListStoriesResponse> ListStoriesAsync(V1.ListStoriesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(request.JourneyStepId.Length <= 100, "journey_step_id", "Empty, or a step id.")
            .Require(request.ValueId.Length == 0 || Identifier.IsValid(request.ValueId), "value_id", "Empty, or a value id: " + Identifier.Rule);
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var stories = db.Stories.AsNoTracking();
        if (request.JourneyStepId.Length > 0)
        {
            stories = stories.Where(s => s.JourneyStepId == request.JourneyStepId);
        }

        if (request.ValueId.Length > 0)
        {
            var key = "|" + request.ValueId + "|";
            stories = stories.Where(s => s.ValueIdsKey.Contains(key));
        }

        if (page.AfterKey is { } after)
        {
            stories = stories.Where(s => string.Compare(s.StoryId, after) > 0);
        }

        var window = await stories.OrderBy(s => s.StoryId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Apply(window, s => s.StoryId);
        return new V1.ListStoriesResponse { Stories = { items.Select(s => StoredJson.Message<V1.Story>(s.DocumentJson)) }, NextPageToken = next };
    }

    public async Task<V1.TrainingModule> CreateModuleAsync(V1.TrainingModule? module, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (module is null)
        {
            validator.Add("module", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(Identifier.IsValid(module!.ModuleId), "module.module_id", Identifier.Rule)
            .Require(module.Title.Trim().Length is > 0 and <= MaxTitle, "module.title", $"Required, at most {MaxTitle} characters.")
            .Require(module.StoryIds.Count is > 0 and <= MaxStories && module.StoryIds.All(Identifier.IsValid) && module.StoryIds.Distinct().Count() == module.StoryIds.Count, "module.story_ids", $"1 to {MaxStories} story ids, each once.")
            .Require(module.Check.Count is > 0 and <= MaxQuestions, "module.check", $"1 to {MaxQuestions} questions.");
        for (var i = 0; i < Math.Min(module.Check.Count, MaxQuestions); i++)
        {
            var question = module.Check[i];
            validator
                .Require(question.Prompt.Trim().Length is > 0 and <= MaxPrompt, $"module.check[{i}].prompt", $"Required, at most {MaxPrompt} characters.")
                .Require(question.Options.Count is >= 2 and <= 6 && question.Options.All(o => o.Trim().Length is > 0 and <= MaxOption), $"module.check[{i}].options", $"2 to 6 options, each 1 to {MaxOption} characters.")
                .Require(question.Answer >= 0 && question.Answer < question.Options.Count, $"module.check[{i}].answer", "The right option's position, from 0.");
        }

        validator.ThrowIfInvalid();
        if (await db.TrainingModules.AnyAsync(m => m.ModuleId == module.ModuleId, cancellationToken))
        {
            throw new AlreadyExistsException(ModuleType, module.ModuleId);
        }

        var storyIds = module.StoryIds.ToList();
        var known = await db.Stories.Where(s => storyIds.Contains(s.StoryId)).Select(s => s.StoryId).ToListAsync(cancellationToken);
        if (storyIds.Except(known, StringComparer.Ordinal).FirstOrDefault() is { } missing)
        {
            throw new NotFoundException(StoryType, missing);
        }

        var content = module.Clone();
        content.Title = content.Title.Trim();
        (content.CreatedBy, content.CreatedAt) = (actor.Actor, RecognitionsApi.Utc(clock.GetUtcNow().UtcDateTime));
        db.TrainingModules.Add(new TrainingModuleRecord { ModuleId = content.ModuleId, StoryIdsKey = "|" + string.Concat(storyIds.Select(s => s + "|")), DocumentJson = StoredJson.Message(content) });
        await SaveAsync(ModuleType, content.ModuleId, cancellationToken);
        return content;
    }

    public async Task<V1.TrainingModule> GetModuleAsync(string moduleId, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(moduleId), "module_id", Identifier.Rule).ThrowIfInvalid();
        var record = await db.TrainingModules.AsNoTracking().FirstOrDefaultAsync(m => m.ModuleId == moduleId, cancellationToken) ?? throw new NotFoundException(ModuleType, moduleId);
        return StoredJson.Message<V1.TrainingModule>(record.DocumentJson);
    }

    public async Task<V1.ListTrainingModulesResponse> ListModulesAsync(V1.ListTrainingModulesRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var modules = db.TrainingModules.AsNoTracking();
        if (page.AfterKey is { } after)
        {
            modules = modules.Where(m => string.Compare(m.ModuleId, after) > 0);
        }

        var window = await modules.OrderBy(m => m.ModuleId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var (items, next) = page.Apply(window, m => m.ModuleId);
        return new V1.ListTrainingModulesResponse { Modules = { items.Select(m => StoredJson.Message<V1.TrainingModule>(m.DocumentJson)) }, NextPageToken = next };
    }

    private async Task SaveAsync(string type, string id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(type, id);
        }
    }
}
