using System.Globalization;
using System.Text;

namespace Cx.Design.Domain.Ecosystem;

public enum RelationshipKind
{
    Interaction = 1,
    Dependency = 2,
    ValueFlow = 3,
}

public sealed record MermaidActor(string ActorId, ActorKind Kind, string Name);

public sealed record MermaidRelationship(string FromActorId, string ToActorId, RelationshipKind Kind, string Label);

/// <summary>
/// An ecosystem map as a Mermaid flowchart, left to right. Nodes are numbered (a0, a1, …) in the
/// map's order, so no actor id can collide with the syntax; names and labels are quoted, with
/// quotes written as Mermaid's entity and line breaks as spaces. People are rounded, partners are
/// subroutines, systems are cylinders; an interaction is a solid arrow, a dependency dotted, a
/// value flow thick.
/// </summary>
public static class MermaidEcosystem
{
    public static string Render(string title, IReadOnlyList<MermaidActor> actors, IReadOnlyList<MermaidRelationship> relationships)
    {
        ArgumentNullException.ThrowIfNull(actors);
        ArgumentNullException.ThrowIfNull(relationships);
        var node = actors.Select((a, i) => (a.ActorId, Node: "a" + i.ToString(CultureInfo.InvariantCulture))).ToDictionary(p => p.ActorId, p => p.Node, StringComparer.Ordinal);
        var text = new StringBuilder("---\ntitle: ").Append(YamlQuote(title)).Append("\n---\nflowchart LR\n");
        foreach (var actor in actors)
        {
            var (open, close) = actor.Kind switch
            {
                ActorKind.Customer or ActorKind.Persona => ("([", "])"),
                ActorKind.Employee or ActorKind.Team => ("(", ")"),
                ActorKind.Partner => ("[[", "]]"),
                ActorKind.System => ("[(", ")]"),
                _ => ("[", "]"),
            };
            text.Append("  ").Append(node[actor.ActorId]).Append(open).Append(Quote(actor.Name)).Append(close).Append('\n');
        }

        foreach (var relationship in relationships)
        {
            var arrow = relationship.Kind switch
            {
                RelationshipKind.Dependency => "-.->",
                RelationshipKind.ValueFlow => "==>",
                _ => "-->",
            };
            text.Append("  ").Append(node[relationship.FromActorId]).Append(' ').Append(arrow);
            if (relationship.Label.Length > 0)
            {
                text.Append('|').Append(Quote(relationship.Label)).Append('|');
            }

            text.Append(' ').Append(node[relationship.ToActorId]).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The title sits in the diagram's YAML front matter: a YAML double-quoted string.</summary>
    private static string YamlQuote(string value) =>
        "\"" + string.Concat(value.Select(c => c switch { '"' => "\\\"", '\\' => "\\\\", _ when char.IsControl(c) => " ", _ => c.ToString() })) + "\"";

    private static string Quote(string value)
    {
        var cleaned = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            cleaned.Append(c == '"' ? "#quot;" : char.IsControl(c) ? " " : c.ToString());
        }

        return cleaned.Append('"').ToString();
    }
}
