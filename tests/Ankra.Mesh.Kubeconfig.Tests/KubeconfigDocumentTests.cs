using System.Text.Json.Nodes;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Kubeconfig.Tests;

/// <summary>
/// What the edge hands out and the CLI writes, through the one serializer: the exact text of the edge's
/// kubeconfig, and values YAML 1.1 would read as numbers, booleans or null staying strings for real kubectl.
/// </summary>
public sealed class KubeconfigDocumentTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-kubeconfig-").FullName;

    [Fact]
    public void SingleContext_Namespace_WritesTheEdgeDocumentText()
    {
        var yaml = KubeconfigDocument.SingleContext("ankra-prod", "https://mesh.example.test/api/v1/clusters/c1/k8s", "eyJ.a-b_c.d", "team-a").Serialize();

        Assert.Equal(
            """
            apiVersion: v1
            kind: Config
            preferences: {}
            clusters:
            - name: "ankra-prod"
              cluster:
                server: "https://mesh.example.test/api/v1/clusters/c1/k8s"
            users:
            - name: "ankra-prod"
              user:
                token: "eyJ.a-b_c.d"
            contexts:
            - name: "ankra-prod"
              context:
                cluster: "ankra-prod"
                user: "ankra-prod"
                namespace: "team-a"
            current-context: "ankra-prod"

            """, yaml);
    }

    [Fact]
    public void SingleContext_LongToken_StaysOnOneLine()
    {
        var token = string.Concat(Enumerable.Repeat("eyJhbGciOiJFUzI1NiJ9", 40));

        var yaml = KubeconfigDocument.SingleContext("ankra-prod", "https://mesh.example.test/k8s", token, null).Serialize();

        Assert.Contains($"    token: \"{token}\"\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("namespace", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SingleContext_NoTokenWithCaFile_KubectlSeesAnonymousUserAndTheCaFile()
    {
        var path = Path.Combine(_directory, "anonymous.yaml");
        await File.WriteAllTextAsync(path, KubeconfigDocument.SingleContext("sim", "https://127.0.0.1:6443", token: null, "default", "/etc/ca dir/ca.crt").Serialize());

        var view = await KubectlViewAsync("1.33", path);

        Assert.Equal("/etc/ca dir/ca.crt", (string?)view["clusters"]![0]!["cluster"]!["certificate-authority"]);
        Assert.Null(view["users"]![0]!["user"]!["token"]);
        Assert.Equal("sim", (string?)view["contexts"]![0]!["context"]!["user"]);
    }

    [Theory]
    [InlineData("1.27", "123")]
    [InlineData("1.27", "true")]
    [InlineData("1.33", "yes")]
    [InlineData("1.33", "null")]
    public async Task Serialize_NamespaceYamlReadsAsNonString_KubectlReadsItBack(string version, string ns)
    {
        var path = Path.Combine(_directory, $"{version}-{ns}.yaml");
        await File.WriteAllTextAsync(path, KubeconfigDocument.SingleContext("ankra-x", "https://127.0.0.1:6443", "t0ken", ns).Serialize());

        var view = await KubectlViewAsync(version, path);

        Assert.Equal(ns, (string?)view["contexts"]![0]!["context"]!["namespace"]);
        Assert.Equal("ankra-x", (string?)view["current-context"]);
        Assert.Equal("t0ken", (string?)view["users"]![0]!["user"]!["token"]);
    }

    [Fact]
    public async Task Parse_ForeignEntriesAndBooleans_KeptAsKubectlSeesThem()
    {
        const string Original = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: other
              cluster:
                server: https://10.0.0.1:6443
                insecure-skip-tls-verify: true
                proxy-url: socks5://127.0.0.1:1080
            users:
            - name: other
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: aws
                  args: [eks, get-token]
                  interactiveMode: IfAvailable
            contexts:
            - name: other
              context: {cluster: other, user: other, namespace: "007"}
            current-context: other
            """;
        var before = Path.Combine(_directory, "before.yaml");
        var after = Path.Combine(_directory, "after.yaml");
        await File.WriteAllTextAsync(before, Original);
        var document = KubeconfigDocument.Parse(new StringReader(Original), "before.yaml");
        document.Upsert(KubeconfigDocument.ClustersKey, "ankra-x", "cluster", new() { { "server", "https://mesh.example.test" }, { "insecure-skip-tls-verify", KubeconfigDocument.Boolean(true) } });
        await File.WriteAllTextAsync(after, document.Serialize());

        var expected = await KubectlViewAsync("1.33", before);
        var actual = await KubectlViewAsync("1.33", after);

        var added = actual["clusters"]!.AsArray().Single(c => (string?)c!["name"] == "ankra-x")!;
        Assert.True((bool?)added["cluster"]!["insecure-skip-tls-verify"]);
        actual["clusters"]!.AsArray().Remove(added);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"foreign entries changed:\nbefore {expected.ToJsonString()}\nafter  {actual.ToJsonString()}");
    }

    [Fact]
    public void Parse_TopLevelNotAMapping_ThrowsFormatException()
    {
        var exception = Assert.Throws<KubeconfigFormatException>(() => KubeconfigDocument.Parse(new StringReader("- a\n- b\n"), "list.yaml"));

        Assert.Contains("list.yaml", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<JsonNode> KubectlViewAsync(string version, string path)
    {
        var result = await CommandRunner.RunAsync(KubectlBinary.PathFor(version), ["config", "view", "--raw", "-o", "json", "--kubeconfig", path],
            new Dictionary<string, string?> { ["KUBECONFIG"] = null }, timeout: Timeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.StandardOutput)!;
    }
}
