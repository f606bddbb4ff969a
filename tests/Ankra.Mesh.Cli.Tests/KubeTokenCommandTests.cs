using System.Text.Json.Nodes;
using Ankra.Mesh.Cli.Configuration;

namespace Ankra.Mesh.Cli.Tests;

/// <summary>
/// The exec credential plugin's cached path, run through the Native AOT binary: the cache entry is read
/// with source-generated JSON and the ExecCredential written without reflection.
/// </summary>
public sealed class KubeTokenCommandTests : IDisposable
{
    private const string ClusterId = "1f0c1e2a-9b7d-4c5e-8f60-3a2b1c0d9e8f";
    private const string ApiToken = "api-token";
    // Nothing listens on port 1: a command that calls the API fails at once and names this address.
    private const string UnreachableBaseUrl = "http://127.0.0.1:1";

    private readonly AnkraCliRunner _cli = new();

    [Fact]
    public async Task KubeToken_FreshCachedToken_PrintsExecCredentialWithoutCallingApi()
    {
        var expiresAt = new DateTimeOffset(2099, 1, 2, 3, 4, 5, TimeSpan.Zero);
        StoreCachedToken(new CachedKubeToken("cached-kube-token", expiresAt, DateTimeOffset.UtcNow));

        var result = await RunKubeTokenAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var credential = JsonNode.Parse(Assert.Single(lines))!;
        Assert.Equal("client.authentication.k8s.io/v1", (string?)credential["apiVersion"]);
        Assert.Equal("ExecCredential", (string?)credential["kind"]);
        Assert.Equal("cached-kube-token", (string?)credential["status"]!["token"]);
        Assert.Equal("2099-01-02T03:04:05Z", (string?)credential["status"]!["expirationTimestamp"]);
    }

    [Fact]
    public async Task KubeToken_CachedTokenNearExpiry_MintsANewOneFromTheApi()
    {
        StoreCachedToken(new CachedKubeToken("stale-kube-token", DateTimeOffset.UtcNow.AddSeconds(30), DateTimeOffset.UtcNow));

        var result = await RunKubeTokenAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("stale-kube-token", result.StandardOutput);
        Assert.Contains(UnreachableBaseUrl, result.StandardError);
    }

    public void Dispose() => _cli.Dispose();

    private Dictionary<string, string?> Environment() => new() { ["XDG_CACHE_HOME"] = Path.Combine(_cli.Home, ".cache") };

    private void StoreCachedToken(CachedKubeToken entry)
    {
        var environment = Environment().ToDictionary(pair => pair.Key, pair => pair.Value ?? "");
        environment["HOME"] = _cli.Home;
        new KubeTokenCache(environment).Store(KubeTokenCache.Key(UnreachableBaseUrl, null, ClusterId, ApiToken), entry);
    }

    private Task<Testing.ProcessResult> RunKubeTokenAsync() => _cli.RunWithAsync(Environment(),
        "cluster", "kube-token", "--cluster", ClusterId, "--token", ApiToken, "--base-url", UnreachableBaseUrl);
}
