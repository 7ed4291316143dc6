using Cx.Culture.Data;
using Cx.Culture.Domain.Recognition;
using Cx.Culture.Domain.Signals;
using Cx.Culture.Recognition;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;
using V1 = Cx.Culture.V1;

namespace Cx.Culture.Signals;

/// <summary>
/// The culture signals Strategy weighs maturity by, read from what is recorded here over the last
/// 90 days: recognition's reach and speed, suggestions adopted, stories used in training.
/// </summary>
internal sealed class CultureSignalsApi(CultureDb db, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    public async Task<V1.CultureSignals> GetAsync(CancellationToken cancellationToken)
    {
        var to = clock.GetUtcNow().UtcDateTime;
        var from = to - Window;
        var awarded = (int)RecognitionStatus.Awarded;
        var inWindow = db.Recognitions.AsNoTracking().Where(r => r.Status == awarded && r.AwardedAtUtc >= from && r.AwardedAtUtc <= to);

        var employees = await db.Employees.CountAsync(cancellationToken);
        var recognised = await inWindow.Where(r => r.EmployeeId != string.Empty).Select(r => r.EmployeeId).Distinct().CountAsync(cancellationToken);
        var (praise, rating, recovered) = ((int)CommonV1.RecognitionSource.CustomerPraise, (int)CommonV1.RecognitionSource.HighRating, (int)CommonV1.RecognitionSource.RecoveredCustomer);
        var waits = (await inWindow.Where(r => r.Source == praise || r.Source == rating || r.Source == recovered).Select(r => new { r.OccurredAtUtc, r.AwardedAtUtc }).ToListAsync(cancellationToken))
            .Select(r => (r.AwardedAtUtc!.Value - r.OccurredAtUtc).TotalHours)
            .ToList();

        var suggestions = await db.Suggestions.AsNoTracking().Where(s => s.SubmittedAtUtc >= from && s.SubmittedAtUtc <= to).Select(s => new { s.State, s.EffectJson }).ToListAsync(cancellationToken);
        var accepted = suggestions.Where(s => s.State == (int)V1.SuggestionState.Accepted).ToList();
        var adopted = accepted.Count(s => s.EffectJson is { } effect && StoredJson.Message<V1.SuggestionEffect>(effect).Outcome == CommonV1.ExperimentOutcome.Supported);

        var storyIds = await db.Stories.AsNoTracking().Select(s => s.StoryId).ToListAsync(cancellationToken);
        var told = (await db.TrainingModules.AsNoTracking().Select(m => m.StoryIdsKey).ToListAsync(cancellationToken))
            .SelectMany(k => k.Split('|', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);

        var signals = new V1.CultureSignals
        {
            From = RecognitionsApi.Utc(from),
            To = RecognitionsApi.Utc(to),
            Employees = employees,
            EmployeesRecognised = recognised,
            ShareRecognised = SignalMath.Share(recognised, employees),
            CustomerRecognitions = waits.Count,
            SuggestionsSubmitted = suggestions.Count,
            SuggestionsAccepted = accepted.Count,
            SuggestionsAdopted = adopted,
            Stories = storyIds.Count,
            StoriesInTraining = storyIds.Count(told.Contains),
        };
        if (SignalMath.Median(waits) is { } median)
        {
            signals.MedianHoursToRecognition = median;
        }

        return signals;
    }
}
