using Cx.Culture.Data;
using Cx.Culture.Domain.People;
using Cx.Culture.Domain.Points;
using Cx.Culture.Domain.Recognition;
using Cx.Culture.People;
using Cx.Culture.Settings;
using Cx.Domain.Errors;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;
using V1 = Cx.Culture.V1;

namespace Cx.Culture.Recognition;

/// <summary>
/// What people give: peer kudos, manager awards and boosts, each from the giver's monthly budget,
/// never to themselves, never taken back. A request id makes a retry return the first answer.
/// </summary>
internal sealed class GivingApi(CultureDb db, Callers callers, Approvers approvers, SettingsApi settings, RecognitionsApi recognitions, TimeProvider clock)
{
    public const int MaxValues = 3;
    public const int MaxMessage = 1_000;
    public const int MaxLink = 500;
    public const int MaxRequestId = 64;
    public const int MaxAttempts = 4;

    public async Task<V1.Recognition> GiveAsync(V1.GiveRecognitionRequest request, CancellationToken cancellationToken)
    {
        var giver = await callers.EmployeeAsync("give recognition", cancellationToken);
        var tenantSettings = await settings.GetAsync(cancellationToken);
        var award = request.AwardLevelId.Length > 0;
        var values = tenantSettings.Values.Select(v => v.ValueId).ToHashSet(StringComparer.Ordinal);
        var validator = new Validator()
            .Require(IsRequestId(request.RequestId), "request_id", $"Required, 1 to {MaxRequestId} characters: letters, digits, '.', '_' and '-'.")
            .Require(request.EmployeeId.Length > 0 != request.TeamId.Length > 0, "employee_id", "Exactly one of employee_id and team_id: whom it recognises.")
            .Require(request.EmployeeId.Length == 0 || PersonId.IsValid(request.EmployeeId), "employee_id", PersonId.Rule)
            .Require(request.TeamId.Length == 0 || PersonId.IsValid(request.TeamId), "team_id", PersonId.Rule)
            .Require(request.ValueIds.Count <= MaxValues && request.ValueIds.Distinct().Count() == request.ValueIds.Count, "value_ids", $"At most {MaxValues}, each once.")
            .Require(values.Count == 0 || request.ValueIds.Count > 0, "value_ids", "At least one of the tenant's values: " + string.Join(", ", values.Order(StringComparer.Ordinal)) + ".")
            .Require(request.ValueIds.All(values.Contains), "value_ids", values.Count == 0 ? "The tenant has no values yet (UpdateCultureSettings)." : "The tenant's values: " + string.Join(", ", values.Order(StringComparer.Ordinal)) + ".")
            .Require(request.Message.Trim().Length is > 0 and <= MaxMessage, "message", $"Required, at most {MaxMessage:N0} characters.")
            .Require(request.Link.Length == 0 || IsHttpsLink(request.Link), "link", $"Empty, or an https link of at most {MaxLink} characters.")
            .Require(award ? request.Points == 0 : request.Points >= 0, "points", award ? "Zero for an award: the level sets its points." : "Zero or more.");
        var level = tenantSettings.AwardLevels.FirstOrDefault(l => l.LevelId == request.AwardLevelId);
        validator.Require(!award || level is not null, "award_level_id", tenantSettings.AwardLevels.Count == 0
            ? "The tenant has no award levels yet (UpdateCultureSettings)."
            : "Empty for kudos, or one of the tenant's levels: " + string.Join(", ", tenantSettings.AwardLevels.Select(l => l.LevelId)) + ".");
        validator.ThrowIfInvalid();
        var sourceKey = $"given:{giver.EmployeeId}:{request.RequestId}";
        return await ContendedAsync(
            async () => await db.Recognitions.AsNoTracking().FirstOrDefaultAsync(r => r.SourceKey == sourceKey, cancellationToken) is { } given ? RecognitionsApi.ToContract(given) : null,
            () => GiveOnceAsync(request, giver, sourceKey, tenantSettings, level, cancellationToken));
    }

    private async Task<V1.Recognition> GiveOnceAsync(V1.GiveRecognitionRequest request, EmployeeRecord giver, string sourceKey, V1.CultureSettings tenantSettings, V1.AwardLevel? level, CancellationToken cancellationToken)
    {
        var award = level is not null;
        var teamId = request.TeamId;
        if (request.EmployeeId.Length > 0)
        {
            var recipient = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.EmployeeId == request.EmployeeId, cancellationToken)
                ?? throw new NotFoundException(PeopleApi.EmployeeType, request.EmployeeId);
            teamId = recipient.TeamId;
            if (recipient.EmployeeId == giver.EmployeeId)
            {
                throw new PreconditionFailedException("SELF_RECOGNITION", "employee/" + giver.EmployeeId, "Nobody recognises themselves: kudos and awards are for colleagues.");
            }
        }
        else if (!await db.Teams.AnyAsync(t => t.TeamId == teamId, cancellationToken))
        {
            throw new NotFoundException(PeopleApi.TeamType, teamId);
        }

        if (award && !(await approvers.ManagersAboveAsync(request.EmployeeId, teamId, cancellationToken)).Contains(giver.EmployeeId))
        {
            throw new PreconditionFailedException("NOT_MANAGER", "employee/" + giver.EmployeeId,
                $"Awards are given by the recipient's managers, and {giver.EmployeeId} is not above {(request.EmployeeId.Length > 0 ? request.EmployeeId : "team " + teamId)}: give kudos instead.");
        }

        var points = award ? level!.Points : request.Points;
        var now = clock.GetUtcNow();
        await SpendAsync(giver.EmployeeId, points, tenantSettings.MonthlyBudget, now, cancellationToken);
        var progress = RecognitionProgress.Given();
        var record = new RecognitionRecord
        {
            RecognitionId = Guid.CreateVersion7(now).ToString(),
            SourceKey = sourceKey,
            Source = (int)(award ? CommonV1.RecognitionSource.ManagerAward : CommonV1.RecognitionSource.PeerKudos),
            EmployeeId = request.EmployeeId,
            TeamId = teamId,
            GiverId = giver.EmployeeId,
            ValueIdsKey = RecognitionsApi.ValueIdsKey(request.ValueIds),
            Message = request.Message.Trim(),
            Link = request.Link,
            AwardLevelId = request.AwardLevelId,
            Points = points,
            Status = (int)progress.Status,
            Accepted = progress.Accepted,
            Approved = progress.Approved,
            ApprovedBy = giver.EmployeeId,
            OccurredAtUtc = now.UtcDateTime,
            ProposedAtUtc = now.UtcDateTime,
        };
        db.Recognitions.Add(record);
        await recognitions.AwardAsync(record, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return RecognitionsApi.ToContract(record);
    }

    public async Task<V1.Recognition> BoostAsync(V1.BoostRecognitionRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(Guid.TryParse(request.RecognitionId, out _), "recognition_id", "A recognition id, as the service gave it.")
            .Require(IsRequestId(request.RequestId), "request_id", $"Required, 1 to {MaxRequestId} characters: letters, digits, '.', '_' and '-'.")
            .Require(request.Points > 0, "points", "1 or more.")
            .ThrowIfInvalid();
        var giver = await callers.EmployeeAsync("boost a recognition", cancellationToken);
        return await ContendedAsync(
            async () => await db.Boosts.AsNoTracking().FirstOrDefaultAsync(b => b.GiverId == giver.EmployeeId && b.RequestId == request.RequestId, cancellationToken) is { } boosted
                ? await recognitions.GetAsync(boosted.RecognitionId, cancellationToken)
                : null,
            () => BoostOnceAsync(request, giver, cancellationToken));
    }

    private async Task<V1.Recognition> BoostOnceAsync(V1.BoostRecognitionRequest request, EmployeeRecord giver, CancellationToken cancellationToken)
    {
        var record = await db.Recognitions.FirstOrDefaultAsync(r => r.RecognitionId == request.RecognitionId, cancellationToken)
            ?? throw new NotFoundException(RecognitionsApi.ResourceType, request.RecognitionId);
        if (record.Status != (int)RecognitionStatus.Awarded)
        {
            throw new PreconditionFailedException("NOT_AWARDED", "recognition/" + record.RecognitionId, $"Recognition {record.RecognitionId} is not awarded: only an awarded recognition is boosted.");
        }

        if (record.EmployeeId == giver.EmployeeId)
        {
            throw new PreconditionFailedException("SELF_RECOGNITION", "employee/" + giver.EmployeeId, "Nobody boosts their own recognition.");
        }

        if (!(await approvers.ManagersAboveAsync(record.EmployeeId, record.TeamId, cancellationToken)).Contains(giver.EmployeeId))
        {
            throw new PreconditionFailedException("NOT_MANAGER", "employee/" + giver.EmployeeId,
                $"Boosts are given by the recipient's managers, and {giver.EmployeeId} is not above {(record.EmployeeId.Length > 0 ? record.EmployeeId : "team " + record.TeamId)}.");
        }

        var now = clock.GetUtcNow();
        await SpendAsync(giver.EmployeeId, request.Points, (await settings.GetAsync(cancellationToken)).MonthlyBudget, now, cancellationToken);
        record.BoostedPoints += request.Points;
        db.Boosts.Add(new BoostRecord { GiverId = giver.EmployeeId, RequestId = request.RequestId, RecognitionId = record.RecognitionId, EmployeeId = record.EmployeeId, Points = request.Points, AtUtc = now.UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return RecognitionsApi.ToContract(record);
    }

    /// <summary>
    /// A giver's gifts made at the same moment contend for their month's row (or, retried, for
    /// the same request id): the one that loses reads again and tries once more, and a request
    /// already answered returns that answer, so a retry never spends twice nor fails for racing
    /// itself.
    /// </summary>
    private async Task<V1.Recognition> ContendedAsync(Func<Task<V1.Recognition?>> answered, Func<Task<V1.Recognition>> give)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await answered() is { } first)
            {
                return first;
            }

            try
            {
                return await give();
            }
            catch (Exception e) when (attempt < MaxAttempts && (e is ConcurrencyConflictException || (e is DbUpdateException update && DatabaseErrors.IsUniqueViolation(update))))
            {
                // The last attempt's conflict goes to the caller as ABORTED: retry later.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<V1.Points> PointsAsync(V1.GetPointsRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(PersonId.IsValid(request.EmployeeId), "employee_id", PersonId.Rule)
            .Require(request.Month.Length == 0 || PointsBudget.IsMonth(request.Month), "month", "Empty for this month, or a month as YYYY-MM.")
            .ThrowIfInvalid();
        if (!await db.Employees.AnyAsync(e => e.EmployeeId == request.EmployeeId, cancellationToken))
        {
            throw new NotFoundException(PeopleApi.EmployeeType, request.EmployeeId);
        }

        var month = request.Month.Length > 0 ? request.Month : PointsBudget.MonthOf(clock.GetUtcNow());
        var (start, end) = PointsBudget.Bounds(month);
        var awarded = (int)RecognitionStatus.Awarded;
        var received = db.Recognitions.AsNoTracking().Where(r => r.EmployeeId == request.EmployeeId && r.Status == awarded);
        var boosts = db.Boosts.AsNoTracking().Where(b => b.EmployeeId == request.EmployeeId);
        var given = await db.GivenPoints.AsNoTracking().Where(g => g.GiverId == request.EmployeeId && g.Month == month).Select(g => (long?)g.Points).FirstOrDefaultAsync(cancellationToken) ?? 0;
        return new V1.Points
        {
            EmployeeId = request.EmployeeId,
            Month = month,
            ReceivedTotal = await received.SumAsync(r => (long)r.Points, cancellationToken) + await boosts.SumAsync(b => (long)b.Points, cancellationToken),
            ReceivedInMonth = await received.Where(r => r.AwardedAtUtc >= start && r.AwardedAtUtc < end).SumAsync(r => (long)r.Points, cancellationToken)
                + await boosts.Where(b => b.AtUtc >= start && b.AtUtc < end).SumAsync(b => (long)b.Points, cancellationToken),
            GivenInMonth = given,
            BudgetLeft = PointsBudget.Left((await settings.GetAsync(cancellationToken)).MonthlyBudget, given),
        };
    }

    /// <summary>
    /// Counts <paramref name="points"/> against the giver's month, or refuses them. Saved with the
    /// gift; two gifts at once conflict on the month's row, so the budget is never overspent.
    /// </summary>
    private async Task SpendAsync(string giverId, int points, int monthlyBudget, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var month = PointsBudget.MonthOf(now);
        var spent = await db.GivenPoints.FirstOrDefaultAsync(g => g.GiverId == giverId && g.Month == month, cancellationToken);
        if (PointsBudget.Check(points, monthlyBudget, spent?.Points ?? 0) is { } refusal)
        {
            throw new PreconditionFailedException(refusal.Type, "employee/" + giverId, refusal.Message);
        }

        if (spent is null)
        {
            spent = new GivenPointsRecord { GiverId = giverId, Month = month };
            db.GivenPoints.Add(spent);
        }

        spent.Points += points;
    }

    private static bool IsRequestId(string id) => id.Length is > 0 and <= MaxRequestId && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool IsHttpsLink(string link) =>
        link.Length <= MaxLink && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
