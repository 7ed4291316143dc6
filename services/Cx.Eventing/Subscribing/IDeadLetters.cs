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
