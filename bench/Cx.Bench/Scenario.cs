namespace Cx.Bench;

/// <summary>One kind of call, repeated by many workers; it throws when an answer is not the expected one.</summary>
internal sealed record Scenario(string Name, Func<CancellationToken, Task> CallAsync);

/// <summary>What one timed round of a scenario achieved.</summary>
internal sealed record RoundResult(double CallsPerSecond, double P50Milliseconds, double P99Milliseconds);
