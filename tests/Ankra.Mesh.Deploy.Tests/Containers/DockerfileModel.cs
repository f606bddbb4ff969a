using System.Text.RegularExpressions;

namespace Ankra.Mesh.Deploy.Tests.Containers;

/// <summary>The instructions of a Dockerfile, grouped by stage, with global ARG defaults resolved in FROM lines.</summary>
internal sealed partial class DockerfileModel
{
    private DockerfileModel(IReadOnlyDictionary<string, string> globalArgs, IReadOnlyList<Stage> stages)
    {
        GlobalArgs = globalArgs;
        Stages = stages;
    }

    /// <summary>ARG defaults declared before the first FROM.</summary>
    public IReadOnlyDictionary<string, string> GlobalArgs { get; }

    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>Parses <paramref name="text"/> (comments dropped, continuation lines joined).</summary>
    public static DockerfileModel Parse(string text)
    {
        var joined = ContinuedLine().Replace(text, " ");
        var instructions = joined.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => (Keyword: line.Split(' ', 2)[0].ToUpperInvariant(), Arguments: line.Split(' ', 2).ElementAtOrDefault(1)?.Trim() ?? ""))
            .ToList();

        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<Stage>();
        foreach (var (keyword, arguments) in instructions)
        {
            if (keyword == "FROM")
            {
                var match = From().Match(arguments);
                var image = ArgReference().Replace(match.Groups["image"].Value, m => args.GetValueOrDefault(m.Groups["name"].Value, m.Value));
                stages.Add(new Stage(match.Groups["name"].Value, image, []));
            }
            else if (stages.Count == 0 && keyword == "ARG" && arguments.Split('=', 2) is [var name, var value])
            {
                args[name] = value;
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add((keyword, arguments));
            }
        }

        return new DockerfileModel(args, stages);
    }

    /// <summary>The stage named <paramref name="name"/>.</summary>
    public Stage StageNamed(string name) =>
        Stages.SingleOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"the Dockerfile has no stage {name}");

    /// <summary>The user a target's container runs as: its last USER, or the one of the stage it starts from.</summary>
    public string? UserOf(string target)
    {
        for (var stage = StageNamed(target); ; stage = StageNamed(stage.From))
        {
            var user = stage.Instructions.LastOrDefault(i => i.Keyword == "USER").Arguments;
            if (user is not null)
            {
                return user;
            }

            if (Stages.All(s => s.Name != stage.From))
            {
                return null; // An external base image: its own default user (root for most).
            }
        }
    }

    /// <summary>One FROM … AS name block.</summary>
    public sealed record Stage(string Name, string From, List<(string Keyword, string Arguments)> Instructions);

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuedLine();

    [GeneratedRegex(@"^(?:--\S+\s+)*(?<image>\S+)(?:\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex From();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex ArgReference();
}
