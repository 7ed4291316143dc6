namespace Cx.ServiceDefaults.Tenancy;

/// <summary>
/// Who acts in the current call, for audit trails: the actor of the verified identity token, which
/// the gateway sets from the caller's credential. Event deliveries act as "system". The metadata key
/// is the one the gateway removes from callers, so nobody can pass an actor of their own.
/// </summary>
public sealed class ActorContext
{
    public const string MetadataKey = "x-cx-actor";
    public const string Anonymous = "anonymous";
    public const string System = "system";
    public const int MaxLength = 200;

    public string Actor { get; private set; } = Anonymous;

    public void Set(string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        Actor = actor.Length <= MaxLength ? actor : actor[..MaxLength];
    }
}
