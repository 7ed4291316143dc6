namespace Cx.Domain.Errors;

/// <summary>One thing that blocks a request: a stable kind, what it concerns, and why.</summary>
public sealed record Precondition(string Type, string Subject, string Description);

/// <summary>
/// The request is well formed but the system is not in a state that allows it
/// (an illegal state transition, a closed survey). <see cref="Subject"/> names what blocked it;
/// when several things do (the standards a change fails), <see cref="Violations"/> names each.
/// </summary>
public sealed class PreconditionFailedException : DomainException
{
    public PreconditionFailedException(string type, string subject, string description)
        : this(description, [new Precondition(type, subject, description)])
    {
    }

    public PreconditionFailedException(string message, IReadOnlyList<Precondition> violations)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count == 0)
        {
            throw new ArgumentException("At least one precondition blocks the request.", nameof(violations));
        }

        Violations = violations;
    }

    /// <summary>A stable, machine-readable kind, e.g. "STATE_TRANSITION" (the first violation's).</summary>
    public string Type => Violations[0].Type;

    public string Subject => Violations[0].Subject;

    public IReadOnlyList<Precondition> Violations { get; }
}
