namespace Cx.Domain.Errors;

/// <summary>
/// The request is well formed but the system is not in a state that allows it
/// (an illegal state transition, a closed survey). <see cref="Subject"/> names what blocked it.
/// </summary>
public sealed class PreconditionFailedException(string type, string subject, string description)
    : DomainException(description)
{
    /// <summary>A stable, machine-readable kind, e.g. "STATE_TRANSITION".</summary>
    public string Type { get; } = type;

    public string Subject { get; } = subject;
}
