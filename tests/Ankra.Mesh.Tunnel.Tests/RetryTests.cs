using System.Net;
using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;

namespace Ankra.Mesh.Tunnel.Tests;

/// <summary>Core NATS is at-most-once: a lost open may be retried for a GET, never for a mutating request.</summary>
[Collection(TunnelCollection.Name)]
public sealed class RetryTests(TunnelFixture fixture)
{
    [Fact]
    public async Task Send_GetWhoseOpenIsLost_IsRetriedOnceAndSucceeds()
    {
        await using var pair = await TunnelPair.StartAsync(fixture, agents: 0);
        var (agent, opens) = await AgentLosingFirstOpenAsync(pair);
        await using var _ = agent;

        using var response = await pair.SendAsync(pair.Request(HttpMethod.Get, "/api/v1/pods"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        lock (opens)
        {
            Assert.Equal(2, opens.Count);
            Assert.NotEqual(opens[0].StreamId, opens[1].StreamId);
        }

        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task Send_PostWhoseOpenIsLost_IsNeverReplayed()
    {
        await using var pair = await TunnelPair.StartAsync(fixture, agents: 0);
        var (agent, opens) = await AgentLosingFirstOpenAsync(pair);
        await using var _ = agent;
        using var request = pair.Request(HttpMethod.Post, "/api/v1/namespaces/default/pods");
        request.Content = new StringContent("{}");

        var failure = await Assert.ThrowsAsync<TunnelException>(() => pair.SendAsync(request));

        Assert.Equal(TunnelFailure.AgentUnavailable, failure.Failure);
        Assert.Contains("did not answer", failure.Message, StringComparison.Ordinal);
        lock (opens)
        {
            Assert.Single(opens);
        }

        await pair.AssertNoStreamsLeftAsync();
    }

    // A hand-driven agent whose first open is lost (never answered); later ones succeed.
    private async Task<(FakePeer Agent, List<OpenStream> Opens)> AgentLosingFirstOpenAsync(TunnelPair pair)
    {
        var agent = new FakePeer(fixture);
        var opens = new List<OpenStream>();
        await agent.ServeOpensAsync(MeshSubjects.SharedOpen(pair.Prefix), MeshSubjects.SessionInbound(pair.Prefix, "fake"), unanswered: 1, opens);
        return (agent, opens);
    }
}
