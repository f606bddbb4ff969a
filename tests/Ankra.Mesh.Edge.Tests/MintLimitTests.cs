using System.Net;
using Ankra.Mesh.Edge.Tests.Fixtures;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>The per-user mint limit lives in the user grain, so it holds across edges.</summary>
[Collection(SiloClusterCollection.Name)]
public sealed class MintLimitTests(SiloClusterFixture fixture)
{
    [Fact]
    public async Task MintToken_SpreadOverTwoEdges_LimitHoldsAcrossThem()
    {
        var admin = fixture.Edges[0].Client(fixture.AdminToken);
        var cluster = await admin.PostApiAsync("/api/v1/clusters", new { name = $"l-{Guid.NewGuid():N}"[..20] });
        Assert.Equal(HttpStatusCode.Created, cluster.Status);
        var path = $"/api/v1/clusters/{cluster.Json!["cluster"]!["id"]!.GetValue<string>()}/k8s-token";

        // The admin created the cluster, so holds its cluster-admin grant; alternate edges.
        var clients = fixture.Edges.Select(e => e.Client(fixture.AdminToken)).ToArray();
        for (var i = 0; i < SiloClusterFixture.MintsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await clients[i % 2].PostApiAsync(path)).Status);
        }

        foreach (var client in clients)
        {
            var limited = await client.PostApiAsync(path);
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
            Assert.NotNull(limited.Message.Headers.RetryAfter);
        }
    }
}
