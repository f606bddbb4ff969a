using System.Diagnostics;
using System.Net;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.Faults;

/// <summary>
/// The stack's nats-server is killed by pid: kubectl fails promptly with a message naming the gateway's bus instead of
/// hanging for its own 45 s, the edge's <c>/readyz</c> turns Unhealthy (<c>/livez</c> stays Healthy), and once the server
/// is back both recover without any action. Every measured time goes to the test output; deadlines are generous.
/// </summary>
public sealed class BusOutageTests(StackFixture fixture, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Long enough for every client's reconnect backoff to reach its cap (edge 2 s, agent 5 s): the recovery measured
    // below is then the worst case, not a lucky early retry.
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(12);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task NatsKilled_KubectlNamesTheBusAndEdgeNotReady_BothRecoverAfterRestart()
    {
        // Served first (this also fills kubectl's discovery cache, so the failure below is the request's own).
        var before = await _stack.KubectlAsync("1.33", "get", "configmap", "settings");
        Assert.True(before.ExitCode == 0, before.ToString());
        using var probes = MeshStack.InternalClient(_stack.EdgeHealthUrls[0]);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(probes, "/readyz"));

        var outage = Stopwatch.StartNew();
        await _stack.Nats.KillAsync();
        ProcessResult during;
        TimeSpan kubectlFailedAfter;
        TimeSpan notReadyAfter;
        HttpStatusCode live;
        try
        {
            // What a user and a load balancer see at the same moment.
            var probing = UntilAsync(() => StatusAsync(probes, "/readyz"), status => status == HttpStatusCode.ServiceUnavailable);
            during = await _stack.KubectlAsync("1.33", "get", "configmap", "settings");
            kubectlFailedAfter = outage.Elapsed;
            await probing;
            notReadyAfter = outage.Elapsed;
            live = await StatusAsync(probes, "/livez");
            await Task.Delay(OutageLength - outage.Elapsed);
        }
        finally
        {
            await _stack.Nats.StartAsync();
        }

        var back = Stopwatch.StartNew();
        output.WriteLine($"nats-server killed for {OutageLength.TotalSeconds:0} s: kubectl (process start, exec plugin, request) failed {kubectlFailedAfter.TotalMilliseconds:0} ms after the kill; " +
            $"/readyz 503 within {notReadyAfter.TotalMilliseconds:0} ms; /livez {(int)live}");
        output.WriteLine($"kubectl said: {during.StandardError.Trim()}");
        Assert.Equal(1, during.ExitCode);
        Assert.Contains("message bus (NATS) is unreachable", during.StandardError, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live);

        await UntilAsync(() => StatusAsync(probes, "/readyz"), status => status == HttpStatusCode.OK);
        var readyAgainAfter = back.Elapsed;
        var failedMeanwhile = 0;
        ProcessResult after;
        while ((after = await _stack.KubectlAsync("1.33", "get", "configmap", "settings", "-o", "jsonpath={.data.greeting}", "--request-timeout=10s")).ExitCode != 0)
        {
            failedMeanwhile++;
            Assert.True(back.Elapsed < Deadline, $"kubectl still fails {back.Elapsed} after nats-server returned: {after}");
        }

        output.WriteLine($"nats-server back: edge /readyz 200 after {readyAgainAfter.TotalMilliseconds:0} ms, first successful kubectl " +
            $"{back.Elapsed.TotalMilliseconds:0} ms after the restart ({failedMeanwhile} failed meanwhile, while the agent reconnected)");
        Assert.Equal("hello", after.StandardOutput);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>Asks again, as a load balancer's probe would, until the answer satisfies <paramref name="done"/>.</summary>
    private static async Task UntilAsync(Func<Task<HttpStatusCode>> ask, Func<HttpStatusCode, bool> done)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!done(await ask()))
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
