namespace Cx.Understanding.Domain.Profiles;

/// <summary>How a customer is recognised. A device is shared more often than people think: it identifies, it never merges.</summary>
public enum IdentityKind
{
    Email = 1,
    Phone = 2,
    Account = 3,
    Device = 4,
}
