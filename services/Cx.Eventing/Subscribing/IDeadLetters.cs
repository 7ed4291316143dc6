namespace Cx.Eventing.Subscribing;

/// <summary>An event a subscription gave up on, with why.</summary>
public sealed record DeadLetter(string Id, string Subscription, string EventId, string EventType, string Reason, int Attempts, DateTimeOffset DeadAt, bool ReplayRequested);

/// <summary>The dead letters of a transport: listed, and replayed to the subscription that gave up.</summary>
public interface IDeadLetters
{
    /// <summary>Dead letters not yet replayed successfully, oldest first.</summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Delivers a dead letter to its subscription again; false when there is no such open dead letter.</summary>
    Task<bool> RequestReplayAsync(string id, CancellationToken cancellationToken);
}

/// <summary>
/// Dead letters a replay delivers at once, in the caller's process, through the service's own
/// handlers and inbox (the dapr backend's, kept in the service's database).
/// </summary>
public interface IReplaysNow
{
    /// <summary>The outcome of delivering the dead letter again; null when there is no such dead letter.</summary>
    Task<DeliveryOutcome?> ReplayAsync(string id, CancellationToken cancellationToken);
}
