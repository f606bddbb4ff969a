using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Cli.Tests;

/// <summary>Runs the published Native AOT <c>ankra</c> binary as a user would, with a private HOME so no real config is touched.</summary>
internal sealed class AnkraCliRunner : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public AnkraCliRunner() => Home = Directory.CreateTempSubdirectory("ankra-home-").FullName;

    public string Home { get; }

    public static string BinaryPath => MeshBinaries.Ankra;

    public string ConfigPath => Path.Combine(Home, ".ankra.yaml");

    public string DefaultKubeconfigPath => Path.Combine(Home, ".kube", "config");

    public Task<ProcessResult> RunAsync(params string[] arguments) => RunWithAsync(new Dictionary<string, string?>(), arguments);

    public Task<ProcessResult> RunWithAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var merged = new Dictionary<string, string?>
        {
            ["HOME"] = Home,
            ["KUBECONFIG"] = null,
            ["ANKRA_API_TOKEN"] = null,
            ["ANKRA_BASE_URL"] = null,
            ["ANKRA_ORG"] = null,
        };
        foreach (var (name, value) in environment)
        {
            merged[name] = value;
        }

        return CommandRunner.RunAsync(BinaryPath, arguments, merged, timeout: Timeout);
    }

    /// <summary>What kubectl itself makes of a kubeconfig (<c>kubectl config view --raw -o json</c>).</summary>
    public async Task<System.Text.Json.Nodes.JsonNode> KubectlViewAsync(string kubeconfigPath)
    {
        var result = await CommandRunner.RunAsync(KubectlBinary.PathFor("1.33"),
            ["config", "view", "--raw", "-o", "json", "--kubeconfig", kubeconfigPath],
            new Dictionary<string, string?> { ["HOME"] = Home }, timeout: Timeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        return System.Text.Json.Nodes.JsonNode.Parse(result.StandardOutput)!;
    }

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
