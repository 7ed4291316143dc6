namespace Cx.Domain.Errors;

/// <summary>The resource the caller named does not exist (or is not visible to its tenant).</summary>
public sealed class NotFoundException(string resourceType, string resourceName)
    : DomainException($"No {resourceType} named '{resourceName}' was found.")
{
    public string ResourceType { get; } = resourceType;

    public string ResourceName { get; } = resourceName;
}
