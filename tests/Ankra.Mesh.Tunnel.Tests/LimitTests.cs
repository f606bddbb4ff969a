using System.Net;
using Ankra.Mesh.Tunnel.Edge;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;

namespace Ankra.Mesh.Tunnel.Tests;

[Collection(TunnelCollection.Name)]
public sealed class LimitTests(TunnelFixture fixture)
{
    [Fact]
    public async Task Send_MoreStreamsThanSessionLimit_FailsWithTooManyStreamsOnEdgeAndAgent()
    {
        var options = TunnelPair.FastOptions();
        options.MaxConcurrentStreamsPerSession = 2;
        await using var pair = await TunnelPair.StartAsync(fixture, options);
        using var first = await pair.SendAsync(pair.Request(HttpMethod.Get, "/hold"));
        using var second = await pair.SendAsync(pair.Request(HttpMethod.Get, "/hold"));

        var atEdge = await Assert.ThrowsAsync<TunnelException>(() => pair.SendAsync(pair.Request(HttpMethod.Get, "/echo/x")));
        // A second edge has its own count; the agent's limit stops it.
        await using var otherConnection = TunnelPair.Connect(fixture, "other-edge");
        using var otherEdge = new HttpMessageInvoker(new TunnelHttpMessageHandler(otherConnection, options));
        var atAgent = await Assert.ThrowsAsync<TunnelException>(() => otherEdge.SendAsync(pair.Request(HttpMethod.Get, "/echo/x"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(TunnelFailure.TooManyStreams, atEdge.Failure);
        Assert.Equal(HttpStatusCode.TooManyRequests, atEdge.SuggestedStatusCode);
        Assert.Equal(TunnelFailure.TooManyStreams, atAgent.Failure);
        Assert.Contains("MaxConcurrentStreamsPerSession", atAgent.Message, StringComparison.Ordinal);
        first.Dispose();
        second.Dispose();
        await pair.AssertNoStreamsLeftAsync();
        using var afterwards = await pair.SendAsync(pair.Request(HttpMethod.Get, "/echo/again"));
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task Send_HeadLargerThanLimit_FailsWithHeadersTooLarge()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        using var request = pair.Request(HttpMethod.Get, "/echo/x");
        request.Headers.TryAddWithoutValidation("X-Test-Big", new string('g', pair.Options.MaxHeaderBytes + 1));

        var failure = await Assert.ThrowsAsync<TunnelException>(() => pair.SendAsync(request));

        Assert.Equal(TunnelFailure.HeadersTooLarge, failure.Failure);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, failure.SuggestedStatusCode);
        Assert.Contains("Mesh:Tunnel:MaxHeaderBytes", failure.Message, StringComparison.Ordinal);
        await pair.AssertNoStreamsLeftAsync();
    }
}
