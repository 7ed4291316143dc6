namespace Cx.Domain.Errors;

/// <summary>
/// Someone else changed the resource since the caller read it. The caller reads it again
/// (<see cref="CurrentVersion"/> says which version is current; null when it was deleted) and retries.
/// </summary>
public sealed class ConcurrencyConflictException(string resourceType, string resourceName, long? currentVersion)
    : DomainException(currentVersion is { } version
        ? $"The {resourceType} '{resourceName}' was changed by someone else; its current version is {version}. Read it again and retry."
        : $"The {resourceType} '{resourceName}' was deleted by someone else.")
{
    public string ResourceType { get; } = resourceType;

    public string ResourceName { get; } = resourceName;

    public long? CurrentVersion { get; } = currentVersion;
}
