using System.Net;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Agent;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;

namespace Ankra.Mesh.Tunnel.Tests;

[Collection(TunnelCollection.Name)]
public sealed class ReplicaTests(TunnelFixture fixture)
{
    [Fact]
    public async Task Send_TwoReplicasInQueueGroup_ShareNewStreamsAndRewriteCarriesIdentity()
    {
        await using var pair = await TunnelPair.StartAsync(fixture, agents: 0);
        await pair.AddAgentAsync("r-a", Rewriter("r-a"));
        await pair.AddAgentAsync("r-b", Rewriter("r-b"));
        var served = new HashSet<string>();

        for (var i = 0; i < 40 && served.Count < 2; i++)
        {
            using var request = pair.Request(HttpMethod.Get, "/echo/who", identity: new Identity { User = "alice@example.com", RequestId = $"req-{i}" });
            request.Headers.TryAddWithoutValidation("X-Test-User", "forged-by-client");
            using var response = await pair.SendAsync(request);
            Assert.Equal("alice@example.com", Assert.Single(response.Headers.GetValues("X-Seen-User")));
            served.Add(Assert.Single(response.Headers.GetValues("X-Seen-Replica")));
        }

        Assert.Equal(["r-a", "r-b"], served.Order());
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task Send_RewriterRejects_ClientGetsItsStatusAndBackendIsNotCalled()
    {
        await using var pair = await TunnelPair.StartAsync(fixture, rewriter: (_, _, _) =>
            throw new TunnelRequestRejectedException(HttpStatusCode.Forbidden, """{"kind":"Status","code":403,"reason":"Forbidden"}"""));

        using var response = await pair.SendAsync(pair.Request(HttpMethod.Delete, "/echo/x"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Method"));
        Assert.Contains("\"reason\":\"Forbidden\"", await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
        await pair.AssertNoStreamsLeftAsync();
    }

    // What the agent's rewriter does with impersonation headers, with test headers the backend echoes.
    private static TunnelRequestRewriter Rewriter(string replica) => (request, identity, _) =>
    {
        request.Headers.Remove("X-Test-User");
        request.Headers.TryAddWithoutValidation("X-Test-User", identity.User);
        request.Headers.TryAddWithoutValidation("X-Test-Replica", replica);
        return ValueTask.CompletedTask;
    };
}
