using Cx.Culture.Boards;
using Cx.Culture.People;
using Cx.Culture.Recognition;
using Cx.Culture.Rituals;
using Cx.Culture.Settings;
using Cx.Culture.Signals;
using Cx.Culture.Stories;
using Cx.Culture.Suggestions;
using Grpc.Core;
using V1 = Cx.Culture.V1;

namespace Cx.Culture;

/// <summary>cx.culture.v1.CultureService: thin, each call handed to the part that owns it.</summary>
internal sealed class CultureApi(PeopleApi people, SettingsApi settings, RecognitionsApi recognitions, GivingApi giving, BoardsApi boards, SuggestionsApi suggestions, RitualDigestsApi digests, StoriesApi stories, CultureSignalsApi signals) : V1.CultureService.CultureServiceBase
{
    public override Task<V1.Employee> PutEmployee(V1.PutEmployeeRequest request, ServerCallContext context) =>
        people.PutEmployeeAsync(request, context.CancellationToken);

    public override Task<V1.Employee> GetEmployee(V1.GetEmployeeRequest request, ServerCallContext context) =>
        people.GetEmployeeAsync(request.EmployeeId, context.CancellationToken);

    public override Task<V1.ListEmployeesResponse> ListEmployees(V1.ListEmployeesRequest request, ServerCallContext context) =>
        people.ListEmployeesAsync(request, context.CancellationToken);

    public override Task<V1.Team> PutTeam(V1.PutTeamRequest request, ServerCallContext context) =>
        people.PutTeamAsync(request, context.CancellationToken);

    public override Task<V1.Team> GetTeam(V1.GetTeamRequest request, ServerCallContext context) =>
        people.GetTeamAsync(request.TeamId, context.CancellationToken);

    public override Task<V1.ListTeamsResponse> ListTeams(V1.ListTeamsRequest request, ServerCallContext context) =>
        people.ListTeamsAsync(request, context.CancellationToken);

    public override Task<V1.CultureSettings> GetCultureSettings(V1.GetCultureSettingsRequest request, ServerCallContext context) =>
        settings.GetAsync(context.CancellationToken);

    public override Task<V1.CultureSettings> UpdateCultureSettings(V1.UpdateCultureSettingsRequest request, ServerCallContext context) =>
        settings.UpdateAsync(request, context.CancellationToken);

    public override Task<V1.ListRecognitionsResponse> ListRecognitions(V1.ListRecognitionsRequest request, ServerCallContext context) =>
        recognitions.ListAsync(request, context.CancellationToken);

    public override Task<V1.Recognition> GetRecognition(V1.GetRecognitionRequest request, ServerCallContext context) =>
        recognitions.GetAsync(request.RecognitionId, context.CancellationToken);

    public override Task<V1.Recognition> AcceptRecognition(V1.AcceptRecognitionRequest request, ServerCallContext context) =>
        recognitions.AcceptAsync(request.RecognitionId, context.CancellationToken);

    public override Task<V1.Recognition> DeclineRecognition(V1.DeclineRecognitionRequest request, ServerCallContext context) =>
        recognitions.DeclineAsync(request.RecognitionId, context.CancellationToken);

    public override Task<V1.Recognition> ApproveRecognition(V1.ApproveRecognitionRequest request, ServerCallContext context) =>
        recognitions.ApproveAsync(request.RecognitionId, context.CancellationToken);

    public override Task<V1.Recognition> GiveRecognition(V1.GiveRecognitionRequest request, ServerCallContext context) =>
        giving.GiveAsync(request, context.CancellationToken);

    public override Task<V1.Recognition> BoostRecognition(V1.BoostRecognitionRequest request, ServerCallContext context) =>
        giving.BoostAsync(request, context.CancellationToken);

    public override Task<V1.Recognition> ModerateRecognition(V1.ModerateRecognitionRequest request, ServerCallContext context) =>
        recognitions.ModerateAsync(request, context.CancellationToken);

    public override Task<V1.Points> GetPoints(V1.GetPointsRequest request, ServerCallContext context) =>
        giving.PointsAsync(request, context.CancellationToken);

    public override Task<V1.Board> GetBoard(V1.GetBoardRequest request, ServerCallContext context) =>
        boards.GetAsync(request, context.CancellationToken);

    public override Task<V1.Suggestion> SubmitSuggestion(V1.SubmitSuggestionRequest request, ServerCallContext context) =>
        suggestions.SubmitAsync(request.Suggestion, context.CancellationToken);

    public override Task<V1.Suggestion> GetSuggestion(V1.GetSuggestionRequest request, ServerCallContext context) =>
        suggestions.GetAsync(request.SuggestionId, context.CancellationToken);

    public override Task<V1.ListSuggestionsResponse> ListSuggestions(V1.ListSuggestionsRequest request, ServerCallContext context) =>
        suggestions.ListAsync(request, context.CancellationToken);

    public override Task<V1.Suggestion> VoteSuggestion(V1.VoteSuggestionRequest request, ServerCallContext context) =>
        suggestions.VoteAsync(request.SuggestionId, context.CancellationToken);

    public override Task<V1.Suggestion> DecideSuggestion(V1.DecideSuggestionRequest request, ServerCallContext context) =>
        suggestions.DecideAsync(request, context.CancellationToken);

    public override Task<V1.ListRitualDigestsResponse> ListRitualDigests(V1.ListRitualDigestsRequest request, ServerCallContext context) =>
        digests.ListAsync(request, context.CancellationToken);

    public override Task<V1.RitualDigest> GetRitualDigest(V1.GetRitualDigestRequest request, ServerCallContext context) =>
        digests.GetAsync(request.DigestId, context.CancellationToken);

    public override Task<V1.Story> CreateStory(V1.CreateStoryRequest request, ServerCallContext context) =>
        stories.CreateStoryAsync(request.Story, context.CancellationToken);

    public override Task<V1.Story> GetStory(V1.GetStoryRequest request, ServerCallContext context) =>
        stories.GetStoryAsync(request.StoryId, context.CancellationToken);

    public override Task<V1.ListStoriesResponse> ListStories(V1.ListStoriesRequest request, ServerCallContext context) =>
        stories.ListStoriesAsync(request, context.CancellationToken);

    public override Task<V1.TrainingModule> CreateTrainingModule(V1.CreateTrainingModuleRequest request, ServerCallContext context) =>
        stories.CreateModuleAsync(request.Module, context.CancellationToken);

    public override Task<V1.TrainingModule> GetTrainingModule(V1.GetTrainingModuleRequest request, ServerCallContext context) =>
        stories.GetModuleAsync(request.ModuleId, context.CancellationToken);

    public override Task<V1.ListTrainingModulesResponse> ListTrainingModules(V1.ListTrainingModulesRequest request, ServerCallContext context) =>
        stories.ListModulesAsync(request, context.CancellationToken);

    public override Task<V1.CultureSignals> GetCultureSignals(V1.GetCultureSignalsRequest request, ServerCallContext context) =>
        signals.GetAsync(context.CancellationToken);
}
