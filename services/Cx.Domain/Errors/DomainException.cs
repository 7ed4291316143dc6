namespace Cx.Domain.Errors;

/// <summary>
/// A failure the caller can act on. Domain code throws these; the API edge maps each kind to its
/// gRPC status (and REST status), so no domain code builds transport errors by hand.
/// </summary>
public abstract class DomainException : Exception
{
    protected DomainException(string message)
        : base(message)
    {
    }
}
