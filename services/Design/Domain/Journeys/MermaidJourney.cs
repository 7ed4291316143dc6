using System.Globalization;
using System.Text;

namespace Cx.Design.Domain.Journeys;

/// <summary>A step as a Mermaid journey task: its name, the personas' emotions there (-2..+2), the personas.</summary>
public sealed record MermaidTask(string Name, IReadOnlyList<int> Emotions, IReadOnlyList<string> Actors);

/// <summary>A top-level stage as a Mermaid section, with its steps (those of the stages within it too) in order.</summary>
public sealed record MermaidSection(string Name, IReadOnlyList<MermaidTask> Tasks);

/// <summary>
/// A journey as a Mermaid `journey` diagram. Mermaid scores a task 1 to 5; a step's score is the
/// mean of its personas' emotions plus 3, rounded half away from zero (3, neutral, when none is
/// drawn). Names lose what the diagram's syntax would read as structure (':', line breaks, '#', ';').
/// </summary>
public static class MermaidJourney
{
    public static string Render(string title, IReadOnlyList<MermaidSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var text = new StringBuilder("journey\n");
        text.Append("  title ").Append(Clean(title)).Append('\n');
        foreach (var section in sections.Where(s => s.Tasks.Count > 0))
        {
            text.Append("  section ").Append(Clean(section.Name)).Append('\n');
            foreach (var task in section.Tasks)
            {
                text.Append("    ").Append(Clean(task.Name)).Append(": ").Append(Score(task.Emotions).ToString(CultureInfo.InvariantCulture));
                if (task.Actors.Count > 0)
                {
                    text.Append(": ").Append(string.Join(", ", task.Actors.Select(Clean)));
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>1 to 5: the mean emotion plus 3.</summary>
    public static int Score(IReadOnlyList<int> emotions)
    {
        ArgumentNullException.ThrowIfNull(emotions);
        return emotions.Count == 0 ? 3 : (int)Math.Round(emotions.Average() + 3, MidpointRounding.AwayFromZero);
    }

    private static string Clean(string name)
    {
        var cleaned = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            cleaned.Append(c is ':' or '#' or ';' ? ' ' : char.IsControl(c) ? ' ' : c);
        }

        return string.Join(' ', cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
