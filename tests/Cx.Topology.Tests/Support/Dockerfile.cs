using System.Text;
using System.Text.Json;

namespace Cx.Topology.Tests.Support;

/// <summary>One instruction of a Dockerfile, its continuation lines joined.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments)
{
    /// <summary>The exec form of ENTRYPOINT or CMD: a JSON array of strings.</summary>
    public IReadOnlyList<string> ExecForm => JsonSerializer.Deserialize<string[]>(Arguments) ?? [];
}

/// <summary>A Dockerfile read as the builder reads it: comments and blank lines dropped, continued lines joined.</summary>
internal static class Dockerfile
{
    public static IReadOnlyList<DockerInstruction> Read(string path)
    {
        var instructions = new List<DockerInstruction>();
        var pending = new StringBuilder();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1]).Append(' ');
                continue;
            }

            pending.Append(line);
            var text = pending.ToString();
            pending.Clear();
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(space < 0
                ? new DockerInstruction(text.ToUpperInvariant(), string.Empty)
                : new DockerInstruction(text[..space].ToUpperInvariant(), text[(space + 1)..].Trim()));
        }

        return instructions;
    }

    /// <summary>The instructions of the last stage: what the image is.</summary>
    public static IReadOnlyList<DockerInstruction> FinalStage(IReadOnlyList<DockerInstruction> instructions)
    {
        var last = instructions.Select((instruction, index) => (instruction, index)).Last(p => p.instruction.Keyword == "FROM").index;
        return [.. instructions.Skip(last)];
    }
}
