namespace Cx.Design.Domain.Journeys;

/// <summary>A stage of a journey as drawn: its id and the stage it sits within (empty at the top).</summary>
public sealed record OutlineStage(string StageId, string ParentStageId);

/// <summary>A step of a journey as drawn: its id and its stage.</summary>
public sealed record OutlineStep(string StepId, string StageId);

/// <summary>What is wrong with a journey's outline, as the index of what is wrong and why.</summary>
public sealed record OutlineProblem(string Kind, int Index, string Description);

/// <summary>
/// The shape every journey version must have: stages form a forest (each within at most one
/// other, never within itself however far up), every step sits in a stage of the journey, and
/// ids are unique within their kind.
/// </summary>
public static class JourneyOutline
{
    public const string Stage = "stage";
    public const string Step = "step";

    public static IReadOnlyList<OutlineProblem> Check(IReadOnlyList<OutlineStage> stages, IReadOnlyList<OutlineStep> steps)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(steps);
        var problems = new List<OutlineProblem>();
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < stages.Count; i++)
        {
            if (!parents.TryAdd(stages[i].StageId, stages[i].ParentStageId))
            {
                problems.Add(new(Stage, i, $"Stage '{stages[i].StageId}' appears twice."));
            }
        }

        for (var i = 0; i < stages.Count; i++)
        {
            var parent = stages[i].ParentStageId;
            if (parent.Length == 0)
            {
                continue;
            }

            if (!parents.ContainsKey(parent))
            {
                problems.Add(new(Stage, i, $"Stage '{stages[i].StageId}' sits within '{parent}', which is not a stage of this journey."));
            }
            else if (CycleFrom(stages[i].StageId, parents) is { } cycle)
            {
                problems.Add(new(Stage, i, $"Stage '{stages[i].StageId}' sits within itself: {string.Join(" → ", cycle)}."));
            }
        }

        var stepIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            if (!stepIds.Add(steps[i].StepId))
            {
                problems.Add(new(Step, i, $"Step '{steps[i].StepId}' appears twice."));
            }

            if (!parents.ContainsKey(steps[i].StageId))
            {
                problems.Add(new(Step, i, steps[i].StageId.Length == 0
                    ? $"Step '{steps[i].StepId}' is in no stage: every step belongs to a stage of the journey."
                    : $"Step '{steps[i].StepId}' is in stage '{steps[i].StageId}', which is not a stage of this journey."));
            }
        }

        return problems;
    }

    /// <summary>The stages from the outermost down to <paramref name="stageId"/>; the outline must be valid.</summary>
    public static IReadOnlyList<string> Ancestry(string stageId, IReadOnlyList<OutlineStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var parents = stages.ToDictionary(s => s.StageId, s => s.ParentStageId, StringComparer.Ordinal);
        var chain = new List<string>();
        for (var current = stageId; current.Length > 0 && chain.Count <= stages.Count; current = parents.GetValueOrDefault(current, string.Empty))
        {
            chain.Add(current);
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>The loop <paramref name="start"/> is part of, walking up; null when the walk reaches the top or leaves the journey.</summary>
    private static List<string>? CycleFrom(string start, Dictionary<string, string> parents)
    {
        var path = new List<string> { start };
        var current = start;
        while (parents.TryGetValue(current, out var parent) && parent.Length > 0)
        {
            if (parent == start)
            {
                path.Add(parent);
                return path;
            }

            // A loop further up that does not pass through start is reported at its own stages.
            if (path.Contains(parent, StringComparer.Ordinal) || path.Count > parents.Count)
            {
                return null;
            }

            path.Add(parent);
            current = parent;
        }

        return null;
    }
}
