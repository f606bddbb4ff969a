using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using Xunit.Abstractions;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>
/// The edge's nats-server is killed by pid: kube requests get a 503 <c>Status</c> naming the gateway's bus at once,
/// <c>/readyz</c> turns Unhealthy while <c>/livez</c> stays Healthy (a lost dependency never restarts the process), and
/// both recover by themselves once the server is back. Measured times go to the test output.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class BusOutageTests(EmbeddedEdgeFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task NatsKilled_KubeRequestGets503NamingTheBus_NotReadyButLive_ThenRecovers()
    {
        var (clusterId, kube) = await KubeClientAsync();
        using var probes = fixture.Edge.InternalClient();
        Assert.Equal(HttpStatusCode.OK, (await probes.GetApiAsync("/readyz")).Status);

        var nats = fixture.Edge.Services.GetRequiredService<INatsConnection>();
        var lost = Once(handler => nats.ConnectionDisconnected += handler);
        var opened = Once(handler => nats.ConnectionOpened += handler);
        var outage = Stopwatch.StartNew();
        await fixture.Nats.KillAsync();
        ApiResponse during;
        TimeSpan failedIn;
        ApiResponse notReady;
        ApiResponse live;
        try
        {
            await lost.WaitAsync(Deadline);
            var noticedAfter = outage.Elapsed;
            var request = Stopwatch.StartNew();
            during = await kube.GetApiAsync($"/api/v1/clusters/{clusterId}/k8s/api/v1/namespaces/default/pods");
            failedIn = request.Elapsed;
            notReady = await probes.GetApiAsync("/readyz");
            live = await probes.GetApiAsync("/livez");
            output.WriteLine($"edge noticed the killed nats-server after {noticedAfter.TotalMilliseconds:0} ms; a kube request then got {(int)during.Status} in " +
                $"{failedIn.TotalMilliseconds:0} ms; /readyz {(int)notReady.Status} {notReady.Text} {outage.Elapsed.TotalMilliseconds:0} ms after the kill; /livez {(int)live.Status}");
        }
        finally
        {
            await fixture.Nats.StartAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
        Assert.Equal("Status", during.Json?["kind"]?.GetValue<string>());
        Assert.Contains("the gateway's message bus (NATS) is unreachable", during.Json?["message"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(during.Message.Headers.Contains("Retry-After"), "a Retry-After makes client-go retry silently instead of reporting");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.Status);
        Assert.Equal("Unhealthy", notReady.Text);
        Assert.Equal(HttpStatusCode.OK, live.Status);

        var back = Stopwatch.StartNew();
        await opened.WaitAsync(Deadline);
        var reconnectedIn = back.Elapsed;
        var ready = await UntilAsync(() => probes.GetApiAsync("/readyz"), r => r.Status == HttpStatusCode.OK);
        var readyIn = back.Elapsed;
        // The cluster has no agent: "offline" (no responders) proves the request crossed the bus again.
        var after = await UntilAsync(() => kube.GetApiAsync($"/api/v1/clusters/{clusterId}/k8s/api/v1/namespaces/default/pods"),
            r => r.Json?["message"]?.GetValue<string>()?.Contains("is offline", StringComparison.Ordinal) == true);
        output.WriteLine($"after the restart: reconnected in {reconnectedIn.TotalMilliseconds:0} ms, /readyz 200 after {readyIn.TotalMilliseconds:0} ms, " +
            $"kube requests cross the bus again after {back.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal("Healthy", ready.Text);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.Status);
    }

    /// <summary>A member with a view grant on a new cluster (no agent) and an HTTP client carrying their kube token.</summary>
    private async Task<(string ClusterId, HttpClient Kube)> KubeClientAsync()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        var grant = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "view" });
        Assert.Equal(HttpStatusCode.Created, grant.Status);
        var minted = await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/k8s-token");
        Assert.Equal(HttpStatusCode.OK, minted.Status);
        var kube = fixture.Edge.Client();
        kube.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", minted.Str("token"));
        return (clusterId, kube);
    }

    private static Task Once(Action<AsyncEventHandler<NatsEventArgs>> subscribe)
    {
        var raised = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subscribe((_, _) =>
        {
            raised.TrySetResult();
            return ValueTask.CompletedTask;
        });
        return raised.Task;
    }

    /// <summary>Asks again (as a load balancer's probe would) until the answer satisfies <paramref name="done"/>.</summary>
    private static async Task<ApiResponse> UntilAsync(Func<Task<ApiResponse>> ask, Func<ApiResponse, bool> done)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var answer = await ask();
            if (done(answer))
            {
                return answer;
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
