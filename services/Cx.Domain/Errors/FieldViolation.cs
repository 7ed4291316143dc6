namespace Cx.Domain.Errors;

/// <summary>One invalid field of a request: its path (snake_case, as in the contract) and why.</summary>
public sealed record FieldViolation(string Field, string Description);
