using System.Diagnostics;
using System.Net;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.Limits;

/// <summary>
/// "Watches never starve ordinary commands", through edge → NATS → agent → KubeSim with real kubectl: a user holding
/// every watch their cap allows still runs <c>kubectl get</c>, and so does everyone else on the cluster, even once the
/// cluster's long-lived pool (at the edge and at the agent) is full. Refusals are 429 Status naming the setting.
/// </summary>
public sealed class WatchFloodTests(WatchFloodFixture fixture, ITestOutputHelper output) : IClassFixture<WatchFloodFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private const string Watch = "api/v1/namespaces/demo/pods?watch=true";
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task WatchFloods_UpToTheUserAndClusterCaps_NeverStarveAnyonesGet()
    {
        using var alice = _stack.MeshKubeClient(fixture.AliceToken, HttpVersion.Version20);
        using var bob = _stack.MeshKubeClient(fixture.BobToken, HttpVersion.Version20);
        var held = new List<HttpResponseMessage>();
        try
        {
            // 1. alice floods the cluster with watches up to her cap; the next one is refused, naming her setting.
            held.AddRange(await OpenWatchesAsync(alice, WatchFloodFixture.WatchesPerUser));
            var refused = await RefusedWatchAsync(alice);
            Assert.Contains("Mesh:KubeProxy:MaxLongLivedRequestsPerUser", refused, StringComparison.Ordinal);

            // Her own quick requests have a pool of their own, and so have bob's.
            await GetPodsAsync("alice", fixture.AliceToken);
            await GetPodsAsync("bob", fixture.BobToken);

            // 2. bob fills the rest of the cluster's long-lived pool (and the agent's, which is as large).
            held.AddRange(await OpenWatchesAsync(bob, WatchFloodFixture.WatchesPerCluster - WatchFloodFixture.WatchesPerUser));
            using var admin = _stack.MeshKubeClient(await _stack.KubeTokenAsync(), HttpVersion.Version20);
            Assert.Contains("Mesh:KubeProxy:MaxLongLivedRequestsPerCluster", await RefusedWatchAsync(admin), StringComparison.Ordinal);

            // Quick requests of every user still pass the edge, the tunnel and the agent.
            await GetPodsAsync("alice", fixture.AliceToken);
            await GetPodsAsync("bob", fixture.BobToken);
            var adminGet = await _stack.KubectlAsync("1.33", "get", "pods");
            Assert.True(adminGet.ExitCode == 0, adminGet.ToString());
            Assert.Equal(WatchFloodFixture.WatchesPerCluster, _stack.KubeSim.OpenWatches);
        }
        finally
        {
            held.ForEach(response => response.Dispose());
        }
    }

    private async Task<List<HttpResponseMessage>> OpenWatchesAsync(HttpClient client, int count)
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < count; i++)
        {
            var response = await client.GetAsync(new Uri(Watch, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead).WaitAsync(Deadline);
            responses.Add(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"watch {i + 1}: {(int)response.StatusCode} {await BodyAsync(response)}");
        }

        return responses;
    }

    private async Task<string> RefusedWatchAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri(Watch, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead).WaitAsync(Deadline);
        var body = await BodyAsync(response);
        output.WriteLine($"watch over the cap: {(int)response.StatusCode} {body}");
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("\"kind\":\"Status\"", body, StringComparison.Ordinal);
        return body;
    }

    /// <summary>The user's own <c>kubectl get pods</c> (their kube token, no exec plugin), which must succeed.</summary>
    private async Task GetPodsAsync(string who, string kubeToken)
    {
        var clock = Stopwatch.StartNew();
        var result = await CommandRunner.RunAsync(KubectlBinary.PathFor("1.33"),
            ["--server", _stack.KubeProxyUrl.ToString().TrimEnd('/'), "--token", kubeToken, "--certificate-authority", _stack.Certificates.CaPath,
                "-n", "demo", "get", "pods"], _stack.Environment(), timeout: Deadline);
        output.WriteLine($"kubectl get pods as {who} with the watch pools full: exit {result.ExitCode} in {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("web-0", result.StandardOutput, StringComparison.Ordinal);
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK ? "" : await response.Content.ReadAsStringAsync().WaitAsync(Deadline);
}
