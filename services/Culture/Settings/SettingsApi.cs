using Cx.Culture.Data;
using Cx.Domain.Errors;
using Cx.Persistence;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Culture.V1;

namespace Cx.Culture.Settings;

/// <summary>The tenant's company values, award levels, points rules and recognition rules.</summary>
internal sealed class SettingsApi(CultureDb db, ActorContext actor, TimeProvider clock)
{
    public const int MaxValues = 20;
    public const int MaxLevels = 10;
    public const int MaxRules = 20;
    public const int MaxName = 100;
    public const int MaxDescription = 500;
    public const int MaxLevelPoints = 10_000;
    public const int MaxBudget = 100_000;
    public const int DefaultBudget = 100;
    public const int DefaultCustomerPoints = 20;
    public const int DefaultMaxSignalAgeDays = 30;
    public const int MaxSignalAgeDays = 3_650;

    /// <summary>How old a customer signal may be and still propose recognition.</summary>
    public static TimeSpan MaxSignalAge(V1.CultureSettings settings) =>
        TimeSpan.FromDays(settings.MaxSignalAgeDays > 0 ? settings.MaxSignalAgeDays : DefaultMaxSignalAgeDays);

    /// <summary>What a tenant that set nothing gets.</summary>
    public static V1.CultureSettings Defaults => new() { MonthlyBudget = DefaultBudget, CustomerRecognitionPoints = DefaultCustomerPoints };

    public async Task<V1.CultureSettings> GetAsync(CancellationToken cancellationToken)
    {
        var record = await db.Settings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return record is null ? Defaults : ToContract(record);
    }

    public async Task<V1.CultureSettings> UpdateAsync(V1.UpdateCultureSettingsRequest request, CancellationToken cancellationToken)
    {
        var settings = Read(request.Settings, request.ExpectedRevision);
        var record = await db.Settings.FirstOrDefaultAsync(cancellationToken);
        ReadBeforeWrite.RequireRevision(request.ExpectedRevision, record?.Version ?? 0, "The culture settings", "settings");
        if (record is null)
        {
            record = new SettingsRecord();
            db.Settings.Add(record);
        }

        record.DocumentJson = StoredJson.Message(settings);
        (record.UpdatedAtUtc, record.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, actor.Actor);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Two first writes at once: the other one came first, and this one never saw it.
            throw new PreconditionFailedException("REVISION_MISMATCH", "settings", "The culture settings were written meanwhile: read them again and decide on what they are now.");
        }

        return ToContract(record);
    }

    private static V1.CultureSettings Read(V1.CultureSettings? settings, long expectedRevision)
    {
        var validator = new Validator().Require(expectedRevision >= 0, "expected_revision", "Zero (whatever they are now) or the revision read.");
        if (settings is null)
        {
            validator.Add("settings", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(settings!.Values.Count <= MaxValues, "settings.values", $"At most {MaxValues}.")
            .Require(settings.Values.Select(v => v.ValueId).Distinct().Count() == settings.Values.Count, "settings.values", "Each value id at most once.")
            .Require(settings.AwardLevels.Count <= MaxLevels, "settings.award_levels", $"At most {MaxLevels}.")
            .Require(settings.AwardLevels.Select(l => l.LevelId).Distinct().Count() == settings.AwardLevels.Count, "settings.award_levels", "Each level id at most once.")
            .Require(settings.MonthlyBudget is >= 0 and <= MaxBudget, "settings.monthly_budget", $"0 to {MaxBudget:N0} points.")
            .Require(settings.CustomerRecognitionPoints is >= 0 and <= MaxLevelPoints, "settings.customer_recognition_points", $"0 to {MaxLevelPoints:N0} points.")
            .Require(settings.MaxSignalAgeDays is >= 0 and <= MaxSignalAgeDays, "settings.max_signal_age_days", $"0 (for {DefaultMaxSignalAgeDays}) to {MaxSignalAgeDays:N0} days.")
            .Require(settings.RatingRules.Count <= MaxRules, "settings.rating_rules", $"At most {MaxRules}.")
            .Require(settings.RatingRules.Select(r => r.MetricId).Distinct().Count() == settings.RatingRules.Count, "settings.rating_rules", "One rule per metric.");
        for (var i = 0; i < Math.Min(settings.Values.Count, MaxValues); i++)
        {
            var value = settings.Values[i];
            validator
                .Require(Identifier.IsValid(value.ValueId), $"settings.values[{i}].value_id", Identifier.Rule)
                .Require(value.Name.Trim().Length is > 0 and <= MaxName, $"settings.values[{i}].name", $"Required, at most {MaxName} characters.")
                .Require(value.Description.Length <= MaxDescription, $"settings.values[{i}].description", $"At most {MaxDescription} characters.");
        }

        for (var i = 0; i < Math.Min(settings.AwardLevels.Count, MaxLevels); i++)
        {
            var level = settings.AwardLevels[i];
            validator
                .Require(Identifier.IsValid(level.LevelId), $"settings.award_levels[{i}].level_id", Identifier.Rule)
                .Require(level.Name.Trim().Length is > 0 and <= MaxName, $"settings.award_levels[{i}].name", $"Required, at most {MaxName} characters.")
                .Require(level.Points is > 0 and <= MaxLevelPoints, $"settings.award_levels[{i}].points", $"1 to {MaxLevelPoints:N0}.");
        }

        for (var i = 0; i < Math.Min(settings.RatingRules.Count, MaxRules); i++)
        {
            var rule = settings.RatingRules[i];
            validator
                .Require(Identifier.IsValid(rule.MetricId), $"settings.rating_rules[{i}].metric_id", "A metric id: " + Identifier.Rule)
                .Require(rule.MinScore >= 0, $"settings.rating_rules[{i}].min_score", "A score the metric's scale holds, 0 or more.");
        }

        validator.ThrowIfInvalid();
        var content = settings.Clone();
        content.Revision = 0;
        foreach (var value in content.Values)
        {
            (value.Name, value.Description) = (value.Name.Trim(), value.Description.Trim());
        }

        foreach (var level in content.AwardLevels)
        {
            level.Name = level.Name.Trim();
        }

        return content;
    }

    private static V1.CultureSettings ToContract(SettingsRecord record)
    {
        var settings = StoredJson.Message<V1.CultureSettings>(record.DocumentJson);
        settings.Revision = record.Version;
        return settings;
    }
}
