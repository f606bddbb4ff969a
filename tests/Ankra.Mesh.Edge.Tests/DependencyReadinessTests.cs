using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Ankra.Mesh.Edge.KubeTokens;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Ankra.Mesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>
/// Readiness follows each dependency, liveness none: a silo whose PostgreSQL stops accepting connections is not ready;
/// an edge that reaches no silo is not ready and answers kube requests with a 503 naming the control plane at once.
/// Both recover by themselves. Measured times go to the test output; deadlines are generous.
/// </summary>
[Collection(SiloClusterCollection.Name)]
public sealed class DependencyReadinessTests(SiloClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task StorageStopsAcceptingConnections_SiloNotReadyButLive_ThenReadyAgain()
    {
        using var silo = new HttpClient { BaseAddress = new Uri(fixture.Silos[0].InternalUrl), Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(silo, "/readyz"));
        var postgres = fixture.Postgres.Process ?? throw new InvalidOperationException("PostgreSQL is not running");

        // SIGSTOP on the postmaster (by pid): new connections hang, as with a server that stopped answering.
        var clock = Stopwatch.StartNew();
        postgres.Signal(UnixSignal.Stop);
        TimeSpan notReadyAfter;
        HttpStatusCode live;
        try
        {
            await UntilAsync(() => StatusAsync(silo, "/readyz"), HttpStatusCode.ServiceUnavailable);
            notReadyAfter = clock.Elapsed;
            live = await StatusAsync(silo, "/livez");
        }
        finally
        {
            postgres.Signal(UnixSignal.Continue);
        }

        var back = Stopwatch.StartNew();
        await UntilAsync(() => StatusAsync(silo, "/readyz"), HttpStatusCode.OK);
        output.WriteLine($"PostgreSQL frozen: silo /readyz 503 after {notReadyAfter.TotalMilliseconds:0} ms (probe timeout 2 s), /livez {(int)live}; " +
            $"resumed: /readyz 200 after {back.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(HttpStatusCode.OK, live);
    }

    [Fact]
    public async Task AllSilosKilled_EdgeNotReadyAndKubeRequestGets503NamingTheControlPlane_ThenRecovers()
    {
        var edge = fixture.Edges[0];
        var admin = edge.Client(fixture.AdminToken);
        var cluster = await admin.PostApiAsync("/api/v1/clusters", new { name = $"g-{Guid.NewGuid():N}"[..20] });
        Assert.Equal(HttpStatusCode.Created, cluster.Status);
        var clusterId = cluster.Json!["cluster"]!["id"]!.GetValue<string>();

        // The creator's cluster-admin grant; the token is issued in process, because REST mints are rate limited per
        // user and other tests of the collection mint as the admin (a new member would change their member counts).
        var adminId = (await admin.GetApiAsync("/api/v1/me")).Str("id");
        var (token, _) = edge.Services.GetRequiredService<KubeTokenIssuer>().Issue(adminId, clusterId, 0);
        using var kube = edge.Client();
        kube.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var probes = edge.InternalClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(probes, "/readyz"));

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(fixture.Silos.Select(s => s.KillAsync()));
        ApiResponse during;
        TimeSpan notReadyAfter;
        TimeSpan answeredIn;
        HttpStatusCode live;
        try
        {
            await UntilAsync(() => StatusAsync(probes, "/readyz"), HttpStatusCode.ServiceUnavailable);
            notReadyAfter = clock.Elapsed;
            live = await StatusAsync(probes, "/livez");
            var request = Stopwatch.StartNew();
            during = await kube.GetApiAsync($"/api/v1/clusters/{clusterId}/k8s/api/v1/namespaces/default/pods");
            answeredIn = request.Elapsed;
        }
        finally
        {
            await Task.WhenAll(fixture.Silos.Select(s => s.StartAsync()));
        }

        var back = Stopwatch.StartNew();
        await UntilAsync(() => StatusAsync(probes, "/readyz"), HttpStatusCode.OK);
        var readyAfter = back.Elapsed;
        // The cluster has no agent: "offline" means the decision was the grain's again and the request crossed the bus.
        await UntilAsync(async () => (await kube.GetApiAsync($"/api/v1/clusters/{clusterId}/k8s/api/v1/namespaces/default/pods")).Text.Contains("is offline", StringComparison.Ordinal)
            ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        foreach (var other in fixture.Edges)
        {
            // The collection's next test may use any edge: leave every one connected again.
            using var client = other.InternalClient();
            await UntilAsync(() => StatusAsync(client, "/readyz"), HttpStatusCode.OK);
        }

        output.WriteLine($"both silos killed: edge /readyz 503 after {notReadyAfter.TotalMilliseconds:0} ms, /livez {(int)live}, a kube request then got " +
            $"{(int)during.Status} in {answeredIn.TotalMilliseconds:0} ms; silos restarted: edge /readyz 200 after {readyAfter.TotalMilliseconds:0} ms, " +
            $"kube requests authorized again after {back.Elapsed.TotalMilliseconds:0} ms");

        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
        Assert.Equal("Status", during.Json?["kind"]?.GetValue<string>());
        Assert.Contains("control plane (the silos that hold grants) is unreachable", during.Json?["message"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(during.Message.Headers.Contains("Retry-After"), "a Retry-After makes client-go retry silently instead of reporting");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>Asks again, as a load balancer's probe would, until the answer is <paramref name="expected"/>.</summary>
    private static async Task UntilAsync(Func<Task<HttpStatusCode>> ask, HttpStatusCode expected)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (await ask() != expected)
        {
            await Task.Delay(100, deadline.Token);
        }
    }
}
