using System.Diagnostics;
using System.Net;
using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;
using NATS.Client.Core;
using Xunit.Abstractions;

namespace Ankra.Mesh.Tunnel.Tests;

/// <summary>
/// The edge's own NATS connection goes away (nats-server killed by pid): opens fail at once naming the bus instead of
/// waiting for the reconnect, and the handler serves again by itself once the server is back.
/// </summary>
[Collection(TunnelCollection.Name)]
public sealed class BusFailureTests(TunnelFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Send_EdgeBusDown_FailsAtOnceWithBusUnavailable_ThenServesAfterReconnect()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        using (var before = await pair.SendAsync(pair.Request(HttpMethod.Get, "/echo/before")))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var noticed = pair.WhenEdgeDisconnectedAsync();
        var clock = Stopwatch.StartNew();
        await fixture.Nats.KillAsync();
        TunnelException failure;
        TimeSpan failedIn;
        try
        {
            await noticed.WaitAsync(Deadline);
            var noticedAfter = clock.Elapsed;
            var attempt = Stopwatch.StartNew();
            failure = await Assert.ThrowsAsync<TunnelException>(() => pair.SendAsync(pair.Request(HttpMethod.Get, "/echo/during")));
            failedIn = attempt.Elapsed;
            output.WriteLine($"edge noticed the killed server after {noticedAfter.TotalMilliseconds:0} ms; an open then failed in {failedIn.TotalMilliseconds:0.0} ms");
        }
        finally
        {
            await fixture.Nats.StartAsync();
        }

        Assert.Equal(TunnelFailure.BusUnavailable, failure.Failure);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.SuggestedStatusCode);
        Assert.Contains("the gateway's NATS connection", failure.Message, StringComparison.Ordinal);
        Assert.True(failedIn < pair.Options.OpenTimeout, $"the open waited {failedIn} (open timeout {pair.Options.OpenTimeout}) instead of failing at once");

        var back = Stopwatch.StartNew();
        await pair.WhenReconnectedAsync().WaitAsync(Deadline);
        using var after = await pair.SendAsync(pair.Request(HttpMethod.Get, "/echo/after"));
        output.WriteLine($"served again {back.Elapsed.TotalMilliseconds:0} ms after the server was back");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        await after.Content.ReadAsByteArrayAsync().WaitAsync(Deadline);
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task Send_BusLostWhileOpenAwaitsReply_FailsWithBusUnavailableBeforeOpenTimeout()
    {
        // A long open timeout, so an open that merely timed out cannot pass for one that noticed the lost bus.
        var options = TunnelPair.FastOptions();
        options.IdleTimeout = TimeSpan.FromSeconds(20);
        options.OpenTimeout = TimeSpan.FromSeconds(20);
        await using var pair = await TunnelPair.StartAsync(fixture, options, agents: 0);

        // An "agent" that takes the open and never answers: the open is on the wire, waiting for its reply.
        await using var silent = TunnelPair.Connect(fixture, "silent-agent");
        await using var taken = await silent.SubscribeCoreAsync<byte[]>(MeshSubjects.SharedOpen(pair.Prefix));
        await silent.PingAsync();
        var sending = pair.SendAsync(pair.Request(HttpMethod.Get, "/echo/x"));
        await taken.Msgs.ReadAsync().AsTask().WaitAsync(Deadline);

        var clock = Stopwatch.StartNew();
        await fixture.Nats.KillAsync();
        TunnelException failure;
        try
        {
            failure = await Assert.ThrowsAsync<TunnelException>(() => sending);
            output.WriteLine($"the open in flight failed {clock.Elapsed.TotalMilliseconds:0} ms after the server was killed (open timeout {options.OpenTimeout.TotalSeconds:0} s)");
        }
        finally
        {
            await fixture.Nats.StartAsync();
        }

        Assert.Equal(TunnelFailure.BusUnavailable, failure.Failure);
        Assert.Contains("lost before the agent accepted", failure.Message, StringComparison.Ordinal);
        await pair.AssertNoStreamsLeftAsync();
    }
}
