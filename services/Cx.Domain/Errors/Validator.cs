namespace Cx.Domain.Errors;

/// <summary>
/// Collects every violation of a request before failing, so a caller fixes all of them in one go.
/// </summary>
public sealed class Validator
{
    private readonly List<FieldViolation> _violations = [];

    public bool IsValid => _violations.Count == 0;

    public Validator Add(string field, string description)
    {
        _violations.Add(new FieldViolation(field, description));
        return this;
    }

    /// <summary>Records a violation when <paramref name="condition"/> is false.</summary>
    public Validator Require(bool condition, string field, string description) =>
        condition ? this : Add(field, description);

    /// <summary>Fails at once when an id a call looks something up by is empty.</summary>
    /// <exception cref="ValidationFailedException">When <paramref name="id"/> is empty.</exception>
    public static void RequireId(string? id, string field) =>
        new Validator().Require(!string.IsNullOrEmpty(id), field, "Required.").ThrowIfInvalid();

    /// <exception cref="ValidationFailedException">When any violation was recorded.</exception>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ValidationFailedException(_violations.ToArray());
        }
    }
}
