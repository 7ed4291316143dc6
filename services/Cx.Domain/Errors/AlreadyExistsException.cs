namespace Cx.Domain.Errors;

/// <summary>The caller tried to create a resource whose identity is already taken.</summary>
public sealed class AlreadyExistsException(string resourceType, string resourceName)
    : DomainException($"A {resourceType} named '{resourceName}' already exists.")
{
    public string ResourceType { get; } = resourceType;

    public string ResourceName { get; } = resourceName;
}
