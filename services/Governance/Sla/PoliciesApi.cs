using System.Globalization;
using Cx.Domain.Errors;
using Cx.Governance.Audit;
using Cx.Governance.Data;
using Cx.Governance.Domain.Cases;
using Cx.Governance.Domain.Patterns;
using Cx.Governance.Domain.Sla;
using Cx.Persistence;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Governance.V1;

namespace Cx.Governance.Sla;

/// <summary>A tenant's SLA policy (service hours, targets per priority) and pattern policy; defaults until set.</summary>
internal sealed class PoliciesApi(GovernanceDb db, AuditLog audit)
{
    public async Task<V1.SlaPolicy> SetSlaAsync(V1.SlaPolicy? policy, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (policy is null)
        {
            validator.Add("policy", "Required.").ThrowIfInvalid();
        }

        validator.Require(policy!.Hours is not null, "policy.hours", "Required: time zone, working days, opening and closing times.");
        if (policy.Hours is { } hours)
        {
            validator
                .Require(TimeZoneInfo.TryFindSystemTimeZoneById(hours.TimeZone, out _), "policy.hours.time_zone", "An IANA time zone, e.g. \"Europe/Berlin\".")
                .Require(hours.WorkingDays.Count > 0 && hours.WorkingDays.All(d => d is >= 1 and <= 7), "policy.hours.working_days", "At least one ISO day number, 1 (Monday) to 7 (Sunday).")
                .Require(TryTime(hours.Opens, out var opens), "policy.hours.opens", "A local time \"HH:MM\".")
                .Require(TryTime(hours.Closes, out var closes) && (closes > opens || hours.Closes == "24:00"), "policy.hours.closes", "A local time \"HH:MM\" after opens (\"24:00\" for midnight).")
                .Require(hours.Holidays.Count <= 1000 && hours.Holidays.All(h => DateOnly.TryParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)), "policy.hours.holidays", "Local dates \"YYYY-MM-DD\", at most 1,000.");
        }

        for (var i = 0; i < policy.Targets.Count; i++)
        {
            var target = policy.Targets[i];
            validator
                .Require(ContractMapping.IsPriority(target.Priority), $"policy.targets[{i}].priority", "URGENT, HIGH, NORMAL or LOW.")
                .Require(target.ResolveWithinHours is > 0 and <= 8760, $"policy.targets[{i}].resolve_within_hours", "More than 0, at most 8,760 service hours.")
                .Require(target.EscalateTo.Length == 0 || Identifier.IsReference(target.EscalateTo, 200), $"policy.targets[{i}].escalate_to", "At most 200 characters.");
        }

        validator.Require(policy.Targets.Select(t => t.Priority).Distinct().Count() == policy.Targets.Count, "policy.targets", "One target per priority.");
        validator.ThrowIfInvalid();
        await SaveAsync(PolicyRecord.Sla, StoredJson.Message(policy), cancellationToken);
        audit.Append("sla_policy.set", "sla_policy", PolicyRecord.Sla, new { timeZone = policy.Hours!.TimeZone, targets = policy.Targets.Count });
        await db.SaveChangesAsync(cancellationToken);
        return ToContract(ToDomain(policy));
    }

    public async Task<V1.SlaPolicy> GetSlaAsync(CancellationToken cancellationToken) => ToContract(await SlaAsync(cancellationToken));

    /// <summary>The SLA policy in force: the tenant's, with the defaults for any priority it leaves out.</summary>
    public async Task<SlaPolicy> SlaAsync(CancellationToken cancellationToken) =>
        await db.Policies.FirstOrDefaultAsync(p => p.Name == PolicyRecord.Sla, cancellationToken) is { } stored
            ? ToDomain(StoredJson.Message<V1.SlaPolicy>(stored.Json))
            : SlaPolicy.Default;

    public async Task<V1.PatternPolicy> SetPatternsAsync(V1.PatternPolicy? policy, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (policy is null)
        {
            validator.Add("policy", "Required.").ThrowIfInvalid();
        }

        validator
            .Require(policy!.Threshold is >= 0 and <= 10_000, "policy.threshold", "2 to 10,000 cases (0 means 3).")
            .Require(policy.Threshold != 1, "policy.threshold", "A pattern needs at least 2 cases.")
            .Require(policy.WindowDays is >= 0 and <= 365, "policy.window_days", "1 to 365 days (0 means 30).")
            .ThrowIfInvalid();
        var effective = PatternPolicy.Of(policy.Threshold, policy.WindowDays);
        var contract = new V1.PatternPolicy { Threshold = effective.Threshold, WindowDays = effective.WindowDays };
        await SaveAsync(PolicyRecord.Patterns, StoredJson.Message(contract), cancellationToken);
        audit.Append("pattern_policy.set", "pattern_policy", PolicyRecord.Patterns, new { effective.Threshold, effective.WindowDays });
        await db.SaveChangesAsync(cancellationToken);
        return contract;
    }

    public async Task<PatternPolicy> PatternsAsync(CancellationToken cancellationToken)
    {
        var stored = await db.Policies.FirstOrDefaultAsync(p => p.Name == PolicyRecord.Patterns, cancellationToken);
        if (stored is null)
        {
            return PatternPolicy.Default;
        }

        var policy = StoredJson.Message<V1.PatternPolicy>(stored.Json);
        return PatternPolicy.Of(policy.Threshold, policy.WindowDays);
    }

    private async Task SaveAsync(string name, string json, CancellationToken cancellationToken)
    {
        var record = await db.Policies.FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (record is null)
        {
            db.Policies.Add(new PolicyRecord { Name = name, Json = json });
        }
        else
        {
            record.Json = json;
        }
    }

    private static bool TryTime(string text, out TimeOnly time)
    {
        if (text == "24:00")
        {
            time = TimeOnly.MaxValue;
            return true;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    private static SlaPolicy ToDomain(V1.SlaPolicy policy)
    {
        var hours = policy.Hours;
        TryTime(hours.Opens, out var opens);
        TryTime(hours.Closes, out var closes);
        var serviceHours = new ServiceHours(
            TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone),
            hours.WorkingDays.Select(d => (DayOfWeek)(d % 7)),
            opens,
            closes,
            hours.Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var targets = SlaPolicy.Default.Targets
            .Select(d => policy.Targets.FirstOrDefault(t => ContractMapping.ToDomain(t.Priority) == d.Priority) is { } given
                ? new SlaTarget(d.Priority, given.ResolveWithinHours, given.EscalateTo)
                : d)
            .ToArray();
        return new SlaPolicy(serviceHours, targets);
    }

    private static V1.SlaPolicy ToContract(SlaPolicy policy)
    {
        var hours = policy.Hours;
        var days = Enum.GetValues<DayOfWeek>().Where(d => IsWorking(hours, d)).Select(d => d == DayOfWeek.Sunday ? 7 : (int)d).Order();
        return new V1.SlaPolicy
        {
            Hours = new V1.ServiceHours
            {
                TimeZone = hours.TimeZone.Id,
                WorkingDays = { days },
                Opens = hours.Opens.ToString("HH:mm", CultureInfo.InvariantCulture),
                Closes = hours.Closes == TimeOnly.MaxValue ? "24:00" : hours.Closes.ToString("HH:mm", CultureInfo.InvariantCulture),
                Holidays = { hours.Holidays.Order().Select(h => h.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) },
            },
            Targets = { policy.Targets.Select(t => new V1.SlaTarget { Priority = ContractMapping.ToContract(t.Priority), ResolveWithinHours = t.ResolveWithinHours, EscalateTo = t.EscalateTo }) },
        };
    }

    private static bool IsWorking(ServiceHours hours, DayOfWeek day) => hours.WorkingDays.Contains(day);
}
