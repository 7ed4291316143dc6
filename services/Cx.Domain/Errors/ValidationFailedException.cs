namespace Cx.Domain.Errors;

/// <summary>The request is malformed: every field that is wrong is listed, not only the first.</summary>
public sealed class ValidationFailedException : DomainException
{
    public ValidationFailedException(IReadOnlyList<FieldViolation> violations)
        : base(Describe(violations))
    {
        Violations = violations;
    }

    public IReadOnlyList<FieldViolation> Violations { get; }

    private static string Describe(IReadOnlyList<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count == 0)
        {
            throw new ArgumentException("A validation failure names at least one field.", nameof(violations));
        }

        return violations.Count == 1
            ? $"Invalid request: {violations[0].Field}: {violations[0].Description}"
            : $"Invalid request: {violations.Count} fields are invalid ({string.Join(", ", violations.Select(v => v.Field))}).";
    }
}
