using System.Text.RegularExpressions;

namespace Storyboard.Tests.Hosting;

/// <summary>One instruction of a Dockerfile: its keyword (upper case) and its arguments, continuation lines joined.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments, int Stage);

/// <summary>A small Dockerfile reader: enough to check instructions, not a full BuildKit parser.</summary>
public static partial class Dockerfile
{
    public static IReadOnlyList<DockerInstruction> Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                pending += line[..^1].Trim() + " ";
                continue;
            }
            var whole = Spaces().Replace((pending + line).Trim(), " ");
            pending = "";
            if (whole.Length == 0)
            {
                continue;
            }
            var space = whole.IndexOf(' ');
            var keyword = (space < 0 ? whole : whole[..space]).ToUpperInvariant();
            if (keyword == "FROM")
            {
                stage++;
            }
            instructions.Add(new DockerInstruction(keyword, space < 0 ? "" : whole[(space + 1)..], stage));
        }
        return instructions;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
