namespace Cx.Understanding.Domain.Profiles;

/// <summary>A customer's last word on one purpose.</summary>
public sealed record ConsentDecision(string Purpose, bool Granted, DateTime ChangedAtUtc);
