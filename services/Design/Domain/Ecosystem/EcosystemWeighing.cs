namespace Cx.Design.Domain.Ecosystem;

public enum ActorKind
{
    Customer = 1,
    Persona = 2,
    Employee = 3,
    Team = 4,
    Partner = 5,
    System = 6,
}

public enum SignalKind
{
    OpenCase = 1,
    NegativeFeedback = 2,
    Praise = 3,
}

public sealed record Actor(string ActorId, ActorKind Kind, IReadOnlyCollection<string> References, IReadOnlyCollection<string> TouchpointIds);

public sealed record Relationship(string RelationshipId, string FromActorId, string ToActorId, IReadOnlyCollection<string> TouchpointIds);

/// <summary>Something that happened at a step: a case (owned by an employee), a negative comment, praise. Touchpoint, team and employee are empty when unknown.</summary>
public sealed record Signal(SignalKind Kind, string StepId, string Touchpoint, string TeamId, string EmployeeId);

public sealed record Tally(int OpenCases, int NegativeFeedback, int Praise)
{
    public static readonly Tally None = new(0, 0, 0);

    public int Total => OpenCases + NegativeFeedback + Praise;

    public Tally Add(SignalKind kind) => kind switch
    {
        SignalKind.OpenCase => this with { OpenCases = OpenCases + 1 },
        SignalKind.NegativeFeedback => this with { NegativeFeedback = NegativeFeedback + 1 },
        SignalKind.Praise => this with { Praise = Praise + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a signal kind."),
    };
}

public sealed record Weights(IReadOnlyList<(Actor Actor, Tally Tally)> Actors, IReadOnlyList<(Relationship Relationship, Tally Tally)> Relationships);

/// <summary>
/// Who is party to what happens on a journey, and so how much each actor and relationship of an
/// ecosystem map weighs. Employees and teams are party to what names them (a case they own, a
/// comment answered by them, praise of them); every other actor to what happens at its
/// touchpoints (a signal without a touchpoint happens at every touchpoint of its step). A
/// relationship weighs what both its actors are party to, at its own touchpoints when it names any.
/// </summary>
public static class EcosystemWeighing
{
    /// <param name="stepTouchpoints">The journey's touchpoints by step.</param>
    /// <param name="stepId">Only signals at this step, and only actors and relationships involved there; null for the whole journey.</param>
    public static Weights Weigh(
        IReadOnlyList<Actor> actors,
        IReadOnlyList<Relationship> relationships,
        IEnumerable<Signal> signals,
        IReadOnlyDictionary<string, IReadOnlySet<string>> stepTouchpoints,
        string? stepId)
    {
        ArgumentNullException.ThrowIfNull(actors);
        ArgumentNullException.ThrowIfNull(relationships);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(stepTouchpoints);
        var counted = signals.Where(s => stepId is null || s.StepId == stepId).ToList();
        var byId = actors.ToDictionary(a => a.ActorId, StringComparer.Ordinal);
        var actorTallies = actors.Select(a => (Actor: a, Tally: Tally(counted, s => IsParty(a, s, stepTouchpoints)))).ToList();
        var relationshipTallies = relationships.Select(r => (Relationship: r, Tally: Tally(counted, s =>
            IsParty(byId[r.FromActorId], s, stepTouchpoints) && IsParty(byId[r.ToActorId], s, stepTouchpoints)
            && (r.TouchpointIds.Count == 0 || At(r.TouchpointIds, s, stepTouchpoints))))).ToList();
        if (stepId is null)
        {
            return new Weights(actorTallies, relationshipTallies);
        }

        // At a step: the actors standing at its touchpoints or party to what happened there, and the relationships between two of them.
        var here = stepTouchpoints.GetValueOrDefault(stepId) ?? new HashSet<string>();
        var involved = actorTallies.Where(a => a.Tally.Total > 0 || a.Actor.TouchpointIds.Any(here.Contains)).ToList();
        var ids = involved.Select(a => a.Actor.ActorId).ToHashSet(StringComparer.Ordinal);
        return new Weights(
            involved,
            relationshipTallies.Where(r => ids.Contains(r.Relationship.FromActorId) && ids.Contains(r.Relationship.ToActorId)
                && (r.Tally.Total > 0 || r.Relationship.TouchpointIds.Count == 0 || r.Relationship.TouchpointIds.Any(here.Contains))).ToList());
    }

    public static bool IsParty(Actor actor, Signal signal, IReadOnlyDictionary<string, IReadOnlySet<string>> stepTouchpoints)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(signal);
        return actor.Kind switch
        {
            ActorKind.Employee => signal.EmployeeId.Length > 0 && actor.References.Contains(signal.EmployeeId),
            ActorKind.Team => signal.TeamId.Length > 0 && actor.References.Contains(signal.TeamId),
            _ => At(actor.TouchpointIds, signal, stepTouchpoints),
        };
    }

    private static bool At(IReadOnlyCollection<string> touchpoints, Signal signal, IReadOnlyDictionary<string, IReadOnlySet<string>> stepTouchpoints) =>
        signal.Touchpoint.Length > 0
            ? touchpoints.Contains(signal.Touchpoint)
            : stepTouchpoints.TryGetValue(signal.StepId, out var atStep) && touchpoints.Any(atStep.Contains);

    private static Tally Tally(IEnumerable<Signal> signals, Func<Signal, bool> party) =>
        signals.Where(party).Aggregate(Ecosystem.Tally.None, (tally, s) => tally.Add(s.Kind));
}
