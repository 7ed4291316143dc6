namespace Cx.Domain.Errors;

/// <summary>The caller is known but may not do this; <see cref="Permission"/> names what it lacks.</summary>
public sealed class PermissionDeniedException(string permission, string message)
    : DomainException(message)
{
    public string Permission { get; } = permission;
}
