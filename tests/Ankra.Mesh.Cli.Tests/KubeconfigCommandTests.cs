using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Ankra.Mesh.Cli.Tests;

public sealed class KubeconfigCommandTests : IDisposable
{
    private const string ClusterId = "1f0c1e2a-9b7d-4c5e-8f60-3a2b1c0d9e8f";
    private readonly AnkraCliRunner _cli = new();

    [Fact]
    public async Task Remove_MixedKubeconfig_ForeignEntriesUnchangedAsKubectlSeesThem()
    {
        var path = WriteKubeconfig(KubeconfigSamples.MixedWithAnkraCurrent);
        var before = WithoutAnkra(await _cli.KubectlViewAsync(path));

        var result = await _cli.RunAsync("cluster", "kubeconfig", "remove", "prod", "--kubeconfig", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ankra-prod", result.StandardOutput);
        var after = await _cli.KubectlViewAsync(path);
        Assert.DoesNotContain("ankra-prod", after.ToJsonString());
        Assert.True(JsonNode.DeepEquals(before, WithoutAnkra(after)),
            $"foreign entries changed:\nbefore {before.ToJsonString()}\nafter  {after.ToJsonString()}");
    }

    [Fact]
    public async Task Remove_CurrentContextWasAnkra_ClearsCurrentContext()
    {
        var path = WriteKubeconfig(KubeconfigSamples.MixedWithAnkraCurrent);

        var result = await _cli.RunAsync("cluster", "kubeconfig", "remove", "--all", "--kubeconfig", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var after = await _cli.KubectlViewAsync(path);
        Assert.Equal("", (string?)after["current-context"] ?? "");
    }

    [Fact]
    public async Task Remove_Written_FileIsOwnerOnly()
    {
        var path = WriteKubeconfig(KubeconfigSamples.MixedWithAnkraCurrent);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await _cli.RunAsync("cluster", "kubeconfig", "remove", ClusterId, "--kubeconfig", path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Remove_UnknownCluster_ExitsNotFoundAndLeavesFileAlone()
    {
        var path = WriteKubeconfig(KubeconfigSamples.MixedWithAnkraCurrent);
        var before = await File.ReadAllTextAsync(path);

        var result = await _cli.RunAsync("cluster", "kubeconfig", "remove", "staging", "--kubeconfig", path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("staging", result.StandardError);
        Assert.Equal(before, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task List_KubeconfigVariableWithSeveralFiles_ReadsTheFirst()
    {
        var first = WriteKubeconfig(KubeconfigSamples.MixedWithAnkraCurrent, "first");
        var second = WriteKubeconfig(KubeconfigSamples.MixedWithAnkraCurrent.Replace("ankra-prod", "ankra-other", StringComparison.Ordinal), "second");

        var result = await _cli.RunWithAsync(
            new Dictionary<string, string?> { ["KUBECONFIG"] = $"{first}:{second}" }, "cluster", "kubeconfig", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["CONTEXT", "SERVER", "ACTIVE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(lines, line => line.StartsWith("ankra-prod", StringComparison.Ordinal) && line.TrimEnd().EndsWith('*'));
        Assert.DoesNotContain("ankra-other", result.StandardOutput);
    }

    [Fact]
    public async Task Remove_KubeconfigVariableWithSeveralFiles_WritesOnlyTheFirst()
    {
        var first = WriteKubeconfig(KubeconfigSamples.MixedWithAnkraCurrent, "first");
        var second = WriteKubeconfig(KubeconfigSamples.MixedWithAnkraCurrent, "second");
        var secondBefore = await File.ReadAllTextAsync(second);

        var result = await _cli.RunWithAsync(
            new Dictionary<string, string?> { ["KUBECONFIG"] = $"{first}:{second}" }, "cluster", "kubeconfig", "remove", "prod");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("ankra-prod", await File.ReadAllTextAsync(first));
        Assert.Equal(secondBefore, await File.ReadAllTextAsync(second));
    }

    [Fact]
    public async Task List_OutputJsonAndYaml_SameContextInApiFieldNames()
    {
        var path = WriteKubeconfig(KubeconfigSamples.MixedWithAnkraCurrent);

        var json = await _cli.RunAsync("cluster", "kubeconfig", "list", "--kubeconfig", path, "-o", "json");
        var yaml = await _cli.RunAsync("cluster", "kubeconfig", "list", "--kubeconfig", path, "-o", "yaml");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.True(yaml.ExitCode == 0, yaml.ToString());
        var fromJson = Assert.Single(JsonNode.Parse(json.StandardOutput)!.AsArray())!;
        Assert.Equal("ankra-prod", (string?)fromJson["context_name"]);
        Assert.Equal(ClusterId, (string?)fromJson["cluster_id"]);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml.StandardOutput));
        var fromYaml = (YamlMappingNode)Assert.Single(((YamlSequenceNode)stream.Documents[0].RootNode).Children);
        var fields = fromJson.AsObject().Select(pair => (pair.Key, Value: (string?)pair.Value ?? ""));
        Assert.Equal(fields, fromYaml.Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, ((YamlScalarNode)pair.Value).Value ?? "")));
    }

    public void Dispose() => _cli.Dispose();

    private string WriteKubeconfig(string content, string name = "config")
    {
        var path = Path.Combine(_cli.Home, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>kubectl's view of a kubeconfig minus Ankra's entries and the current context.</summary>
    private static JsonNode WithoutAnkra(JsonNode view)
    {
        var copy = view.DeepClone();
        foreach (var list in new[] { "clusters", "users", "contexts" })
        {
            if (copy[list] is JsonArray entries)
            {
                foreach (var entry in entries.Where(e => ((string?)e?["name"])?.StartsWith("ankra-", StringComparison.Ordinal) == true).ToList())
                {
                    entries.Remove(entry);
                }
            }
        }

        copy.AsObject().Remove("current-context");
        return copy;
    }
}
