using System.Net;
using System.Text;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;

namespace Ankra.Mesh.Tunnel.Tests;

[Collection(TunnelCollection.Name)]
public sealed class LeakTests(TunnelFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ManyStreams_EndingEveryWay_LeaveNoStateOnEitherSide()
    {
        await using var pair = await TunnelPair.StartAsync(fixture, agents: 2);
        var runs = new List<Task>();
        for (var i = 0; i < 8; i++)
        {
            runs.Add(CompletesAsync(pair, i));
            runs.Add(PostCompletesAsync(pair, i));
            runs.Add(CancelledBeforeHeadAsync(pair));
            runs.Add(AbandonedMidBodyAsync(pair));
            runs.Add(UpstreamAbortsAsync(pair));
            runs.Add(RefusedUpgradeAsync(pair));
        }

        await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(90));
        await pair.AssertNoStreamsLeftAsync();

        // Closing a live stream on the agent side (session end) reclaims both sides too.
        using var held = await pair.SendAsync(pair.Request(HttpMethod.Get, "/hold", sessionId: "s-1"));
        await pair.Agents[1].DisposeAsync();
        await Assert.ThrowsAsync<TunnelException>(async () => await (await held.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null).WaitAsync(Timeout));
        await pair.AssertNoStreamsLeftAsync();
    }

    private static async Task CompletesAsync(TunnelPair pair, int i)
    {
        using var response = await pair.SendAsync(pair.Request(HttpMethod.Get, $"/echo/ok/{i}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsByteArrayAsync().WaitAsync(Timeout);
    }

    private static async Task PostCompletesAsync(TunnelPair pair, int i)
    {
        using var request = pair.Request(HttpMethod.Post, $"/echo/post/{i}?status=500");
        request.Content = new StringContent(new string('p', 1000 * i), Encoding.ASCII);
        using var response = await pair.SendAsync(request);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1000 * i, (await response.Content.ReadAsByteArrayAsync().WaitAsync(Timeout)).Length);
    }

    private static async Task CancelledBeforeHeadAsync(TunnelPair pair)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pair.SendAsync(pair.Request(HttpMethod.Get, "/slow-head?ms=2000"), cts.Token));
    }

    private static async Task AbandonedMidBodyAsync(TunnelPair pair)
    {
        using var response = await pair.SendAsync(pair.Request(HttpMethod.Get, "/bytes?length=20000000&seed=5"));
        await using var body = await response.Content.ReadAsStreamAsync();
        var some = new byte[4096];
        await body.ReadAtLeastAsync(some, some.Length).AsTask().WaitAsync(Timeout);
    }

    private static async Task UpstreamAbortsAsync(TunnelPair pair)
    {
        var failure = await Assert.ThrowsAsync<TunnelException>(async () =>
        {
            using var response = await pair.SendAsync(pair.Request(HttpMethod.Get, "/abort"));
            await response.Content.ReadAsByteArrayAsync().WaitAsync(Timeout);
        });
        Assert.Equal(Contracts.V1.ResetReason.UpstreamError, failure.ResetReason);
    }

    private static async Task RefusedUpgradeAsync(TunnelPair pair)
    {
        using var request = pair.Request(HttpMethod.Get, "/deny-upgrade");
        request.Headers.TryAddWithoutValidation("Upgrade", "websocket");
        using var response = await pair.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await response.Content.ReadAsByteArrayAsync().WaitAsync(Timeout);
    }
}
