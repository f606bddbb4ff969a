using System.Net;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Grpc.Core;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>DELETE /api/v1/clusters/{id}: admins only; afterwards nothing of the cluster works, and its name is free again.</summary>
[Collection(EdgeCollection.Name)]
public sealed class ClusterDeletionTests(EmbeddedEdgeFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private AgentService.AgentServiceClient Agent => new(fixture.Edge.Channel);

    [Fact]
    public async Task DeleteCluster_ByAdmin_RevokesGrantsTokensAgentAndAnswers404Everywhere()
    {
        var name = $"del-{Guid.NewGuid():N}"[..16];
        var created = await fixture.Admin.Client.PostApiAsync("/api/v1/clusters", new { name });
        var clusterId = created.Json!["cluster"]!["id"]!.GetValue<string>();
        var agentToken = created.Str("agent_token");
        var session = await RegisterAsync(agentToken, "agent-0");
        var kubeToken = (await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/k8s-token")).Str("token");

        var deleted = await fixture.Admin.Client.DeleteApiAsync($"/api/v1/clusters/{clusterId}");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.True(deleted.Json!["deleted"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/grants")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/k8s-token")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/agent-token/rotate")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.Client.DeleteApiAsync($"/api/v1/clusters/{clusterId}")).Status);
        var list = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters?cluster_id={clusterId}");
        Assert.Empty(list.Json!["result"]!.AsArray());

        // kubectl with a token minted before the delete: a Kubernetes Status 404 naming the cluster.
        var status = await fixture.Edge.Client(kubeToken).GetApiAsync($"/api/v1/clusters/{clusterId}/k8s/api/v1/namespaces/default/pods");
        Assert.Equal(HttpStatusCode.NotFound, status.Status);
        Assert.Equal("Status", status.Json!["kind"]!.GetValue<string>());
        Assert.Contains(clusterId, status.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // The agent: its session is gone, its NATS credential is not renewed, and it cannot register again.
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => CheckInAsync(agentToken, session.SessionId))).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => RenewAsync(agentToken, session.SessionId))).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(agentToken, "agent-1"))).StatusCode);

        // Its install URL is refused too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Edge.Client(agentToken).GetApiAsync($"/api/v1/clusters/{clusterId}/agent/install.yaml")).Status);

        // A cluster of the same name is a new cluster that works.
        var again = await fixture.Admin.Client.PostApiAsync("/api/v1/clusters", new { name });
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.NotEqual(clusterId, again.Json!["cluster"]!["id"]!.GetValue<string>());
        var newSession = await RegisterAsync(again.Str("agent_token"), "agent-0");
        await CheckInAsync(again.Str("agent_token"), newSession.SessionId);
    }

    [Fact]
    public async Task DeleteCluster_ByMember_Returns403AndTheClusterStays()
    {
        var (clusterId, _) = await fixture.NewClusterAsync();
        var member = await fixture.NewMemberAsync();

        var refused = await member.Client.DeleteApiAsync($"/api/v1/clusters/{clusterId}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("admins", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}")).Status);
    }

    [Fact]
    public async Task DeleteCluster_Unknown_Returns404ClusterNotFound()
    {
        var response = await fixture.Admin.Client.DeleteApiAsync($"/api/v1/clusters/{Guid.NewGuid():D}");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Cluster not found", response.Detail);
    }

    private static Metadata Metadata(string token) => new() { { "authorization", $"Bearer {token}" } };

    private Task<RegisterResponse> RegisterAsync(string token, string replicaId)
    {
        using var key = Ankra.Mesh.NatsAuth.NatsUserKeys.Create();
        return Agent.RegisterAsync(new RegisterRequest { RegistrationToken = token, ReplicaId = replicaId, AgentVersion = "1.2.3", NatsPublicKey = key.PublicKey },
            deadline: DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);
    }

    private Task<CheckInResponse> CheckInAsync(string token, string sessionId) =>
        Agent.CheckInAsync(new CheckInRequest { SessionId = sessionId, ReplicaId = "agent-0" }, Metadata(token), DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);

    private Task<NatsCredential> RenewAsync(string token, string sessionId) =>
        Agent.RenewNatsCredentialAsync(new RenewNatsCredentialRequest { SessionId = sessionId, ReplicaId = "agent-0" }, Metadata(token),
            DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);
}
