using Cx.Culture.Boards;
using Cx.Culture.Data;
using Cx.Culture.Demo;
using Cx.Culture.People;
using Cx.Culture.Recognition;
using Cx.Culture.Rituals;
using Cx.Culture.Settings;
using Cx.Culture.Signals;
using Cx.Culture.Stories;
using Cx.Culture.Suggestions;
using Cx.Events.V1;
using Cx.ServiceKit;
using Microsoft.Extensions.DependencyInjection;

namespace Cx.Culture;

/// <summary>
/// The culture and rewards service: the tenant's employees and teams, recognition proposed from
/// what customers say (praise, high ratings, recovered customers) and awarded once the employee
/// accepts and a manager approves, kudos and awards with points under the tenant's rules, the
/// boards that show them, front-line suggestions, which Design takes up once accepted, and the
/// rituals' weekly and monthly digests, customer stories told in training, and the culture
/// signals Strategy reads.
/// </summary>
public sealed class CultureModule : CxServiceModule
{
    public const string ServiceName = "culture";

    public override string Name => ServiceName;

    protected override void Describe(ServiceDeclaration service)
    {
        service
            .Data<CultureDb, CultureDbSqlite, CultureDbPostgreSql>()
            .Api<CultureApi>()
            .On<PraiseDetected, ProposeFromPraise>()
            .On<ResponseRecorded, ProposeFromHighRating>()
            .On<CaseClosed, ProposeFromRecoveredCase>()
            .On<ExperimentConcluded, KeepSuggestionEffect>()
            .On<ActionPlanCompleted, KeepPlanCompletion>()
            .EveryTenant<RitualDigestJob>(RitualDigestJob.IntervalSetting, TimeSpan.FromHours(1))
            .Demo<CultureDemoData>();
        service.Services
            .AddScoped<PeopleApi>()
            .AddScoped<Callers>()
            .AddScoped<SettingsApi>()
            .AddScoped<Approvers>()
            .AddScoped<RecognitionsApi>()
            .AddScoped<GivingApi>()
            .AddScoped<CustomerProposals>()
            .AddScoped<BoardsApi>()
            .AddScoped<SuggestionsApi>()
            .AddScoped<RitualDigestsApi>()
            .AddScoped<StoriesApi>()
            .AddScoped<CultureSignalsApi>();
    }
}
