using Cx.Culture.Data;
using Cx.Culture.Domain.People;
using Cx.Culture.People;
using Cx.Culture.Recognition;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Eventing.Outbox;
using Cx.Events.V1;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Culture.V1;

namespace Cx.Culture.Suggestions;

/// <summary>
/// Front-line suggestions: an employee proposes an improvement at a journey step, colleagues vote,
/// a manager of the employee accepts or declines it. Accepted, it goes to Design as an
/// opportunity; the experiment that tries it reports back here.
/// </summary>
internal sealed class SuggestionsApi(CultureDb db, Callers callers, Approvers approvers, TimeProvider clock)
{
    public const string ResourceType = "suggestion";
    public const int MaxTitle = 200;
    public const int MaxDescription = 2_000;
    public const int MaxNote = 1_000;
    public const int MaxAttempts = 8;

    public async Task<V1.Suggestion> SubmitAsync(V1.Suggestion? suggestion, CancellationToken cancellationToken)
    {
        var submitter = await callers.EmployeeAsync("make a suggestion", cancellationToken);
        var validator = new Validator();
        if (suggestion is null)
        {
            validator.Add("suggestion", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(Identifier.IsValid(suggestion!.SuggestionId), "suggestion.suggestion_id", Identifier.Rule)
            .Require(suggestion.Title.Trim().Length is > 0 and <= MaxTitle, "suggestion.title", $"Required, at most {MaxTitle} characters.")
            .Require(suggestion.Description.Trim().Length is > 0 and <= MaxDescription, "suggestion.description", $"Required, at most {MaxDescription:N0} characters.")
            .Require(Identifier.IsValid(suggestion.JourneyId), "suggestion.journey_id", "Required, a journey id: " + Identifier.Rule)
            .Require(Identifier.IsValid(suggestion.JourneyStepId), "suggestion.journey_step_id", "Required, a step id: " + Identifier.Rule)
            .Require(suggestion.MetricId.Length == 0 || Identifier.IsValid(suggestion.MetricId), "suggestion.metric_id", "Empty, or a metric id: " + Identifier.Rule)
            .ThrowIfInvalid();
        if (await db.Suggestions.AnyAsync(s => s.SuggestionId == suggestion.SuggestionId, cancellationToken))
        {
            throw new AlreadyExistsException(ResourceType, suggestion.SuggestionId);
        }

        var record = new SuggestionRecord
        {
            SuggestionId = suggestion.SuggestionId,
            Title = suggestion.Title.Trim(),
            Description = suggestion.Description.Trim(),
            JourneyId = suggestion.JourneyId,
            JourneyStepId = suggestion.JourneyStepId,
            MetricId = suggestion.MetricId,
            SubmittedBy = submitter.EmployeeId,
            TeamId = submitter.TeamId,
            SubmittedAtUtc = clock.GetUtcNow().UtcDateTime,
            State = (int)V1.SuggestionState.Open,
        };
        db.Suggestions.Add(record);
        db.Raise(new FrontlineSuggestionSubmitted
        {
            SuggestionId = record.SuggestionId,
            Title = record.Title,
            JourneyId = record.JourneyId,
            JourneyStepId = record.JourneyStepId,
            MetricId = record.MetricId,
            SubmittedBy = record.SubmittedBy,
            TeamId = record.TeamId,
            SubmittedAt = RecognitionsApi.Utc(record.SubmittedAtUtc),
        }, record.SuggestionId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(ResourceType, record.SuggestionId);
        }

        return ToContract(record);
    }

    public async Task<V1.Suggestion> GetAsync(string suggestionId, CancellationToken cancellationToken) =>
        ToContract(await FindAsync(suggestionId, tracked: false, cancellationToken));

    public async Task<V1.ListSuggestionsResponse> ListAsync(V1.ListSuggestionsRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Require(Enum.IsDefined(request.State), "state", "A SuggestionState, or unspecified for every state.")
            .Require(request.JourneyId.Length == 0 || Identifier.IsValid(request.JourneyId), "journey_id", "Empty, or a journey id: " + Identifier.Rule)
            .Require(request.SubmittedBy.Length == 0 || PersonId.IsValid(request.SubmittedBy), "submitted_by", "Empty, or an employee id: " + PersonId.Rule);
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();

        var suggestions = db.Suggestions.AsNoTracking();
        if (request.State != V1.SuggestionState.Unspecified)
        {
            var state = (int)request.State;
            suggestions = suggestions.Where(s => s.State == state);
        }

        if (request.JourneyId.Length > 0)
        {
            suggestions = suggestions.Where(s => s.JourneyId == request.JourneyId);
        }

        if (request.SubmittedBy.Length > 0)
        {
            suggestions = suggestions.Where(s => s.SubmittedBy == request.SubmittedBy);
        }

        var (items, next) = await NewestFirst.PageAsync(suggestions, s => s.SubmittedAtUtc, s => s.SuggestionId, page, cancellationToken);
        return new V1.ListSuggestionsResponse { Suggestions = { items.Select(ToContract) }, NextPageToken = next };
    }

    public async Task<V1.Suggestion> VoteAsync(string suggestionId, CancellationToken cancellationToken)
    {
        var voter = await callers.EmployeeAsync("vote for a suggestion", cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var record = await FindAsync(suggestionId, tracked: true, cancellationToken);
            if (await db.SuggestionVotes.AnyAsync(v => v.SuggestionId == suggestionId && v.EmployeeId == voter.EmployeeId, cancellationToken))
            {
                return ToContract(record);
            }

            if (record.SubmittedBy == voter.EmployeeId)
            {
                throw new PreconditionFailedException("OWN_SUGGESTION", "suggestion/" + suggestionId, "Colleagues vote for a suggestion; the one who made it counts already.");
            }

            RequireOpen(record);
            db.SuggestionVotes.Add(new SuggestionVoteRecord { SuggestionId = suggestionId, EmployeeId = voter.EmployeeId, AtUtc = clock.GetUtcNow().UtcDateTime });
            record.Votes++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return ToContract(record);
            }
            catch (Exception e) when (attempt < MaxAttempts && (e is ConcurrencyConflictException || (e is DbUpdateException update && DatabaseErrors.IsUniqueViolation(update))))
            {
                // Another vote counted meanwhile (or this one, sent twice): count again from what is stored.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<V1.Suggestion> DecideAsync(V1.DecideSuggestionRequest request, CancellationToken cancellationToken)
    {
        var manager = await callers.EmployeeAsync("decide on a suggestion", cancellationToken);
        new Validator()
            .Require(request.Note.Trim().Length is > 0 and <= MaxNote, "note", $"Required, at most {MaxNote:N0} characters: why, in words the employee reads.")
            .Require(request.ActionPlanId.Length == 0 || (request.Accept && Identifier.IsValid(request.ActionPlanId)), "action_plan_id", "Empty, or, when accepting, the id of the Governance action plan that takes it up.")
            .ThrowIfInvalid();
        var record = await FindAsync(request.SuggestionId, tracked: true, cancellationToken);
        if (!(await approvers.ManagersAboveAsync(record.SubmittedBy, record.TeamId, cancellationToken)).Contains(manager.EmployeeId))
        {
            throw new PreconditionFailedException("NOT_MANAGER", "employee/" + manager.EmployeeId,
                $"A suggestion is decided by a manager of the employee who made it, and {manager.EmployeeId} is not above {record.SubmittedBy}.");
        }

        RequireOpen(record);
        var now = clock.GetUtcNow().UtcDateTime;
        (record.State, record.DecidedBy, record.DecisionNote, record.DecidedAtUtc) = ((int)(request.Accept ? V1.SuggestionState.Accepted : V1.SuggestionState.Declined), manager.EmployeeId, request.Note.Trim(), now);
        record.ActionPlanId = request.ActionPlanId;
        if (request.Accept)
        {
            db.Raise(new SuggestionAccepted
            {
                SuggestionId = record.SuggestionId,
                Title = record.Title,
                Description = record.Description,
                JourneyId = record.JourneyId,
                JourneyStepId = record.JourneyStepId,
                MetricId = record.MetricId,
                SubmittedBy = record.SubmittedBy,
                Votes = record.Votes,
                AcceptedBy = manager.EmployeeId,
                AcceptedAt = RecognitionsApi.Utc(now),
            }, record.SuggestionId);
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToContract(record);
    }

    private static void RequireOpen(SuggestionRecord record)
    {
        if (record.State != (int)V1.SuggestionState.Open)
        {
            throw new PreconditionFailedException("ALREADY_DECIDED", "suggestion/" + record.SuggestionId,
                $"Suggestion {record.SuggestionId} was {((V1.SuggestionState)record.State).ToString().ToLowerInvariant()} by {record.DecidedBy}.");
        }
    }

    private async Task<SuggestionRecord> FindAsync(string suggestionId, bool tracked, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(suggestionId), "suggestion_id", Identifier.Rule).ThrowIfInvalid();
        var suggestions = tracked ? db.Suggestions : db.Suggestions.AsNoTracking();
        return await suggestions.FirstOrDefaultAsync(s => s.SuggestionId == suggestionId, cancellationToken)
            ?? throw new NotFoundException(ResourceType, suggestionId);
    }

    internal static V1.Suggestion ToContract(SuggestionRecord record) => new()
    {
        SuggestionId = record.SuggestionId,
        Title = record.Title,
        Description = record.Description,
        JourneyId = record.JourneyId,
        JourneyStepId = record.JourneyStepId,
        MetricId = record.MetricId,
        SubmittedBy = record.SubmittedBy,
        TeamId = record.TeamId,
        SubmittedAt = RecognitionsApi.Utc(record.SubmittedAtUtc),
        Votes = record.Votes,
        State = (V1.SuggestionState)record.State,
        DecidedBy = record.DecidedBy,
        DecisionNote = record.DecisionNote,
        DecidedAt = record.DecidedAtUtc is { } decided ? RecognitionsApi.Utc(decided) : null,
        Effect = record.EffectJson is { } effect ? StoredJson.Message<V1.SuggestionEffect>(effect) : null,
        ActionPlanId = record.ActionPlanId,
        PlanCompletedAt = record.PlanCompletedAtUtc is { } completed ? RecognitionsApi.Utc(completed) : null,
    };
}
