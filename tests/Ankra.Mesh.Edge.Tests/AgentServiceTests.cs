using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Grpc.Core;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>gRPC AgentService over h2c: register, fencing, replicas, check-in, grant reports, liveness.</summary>
[Collection(EdgeCollection.Name)]
public sealed class AgentServiceTests(EmbeddedEdgeFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private AgentService.AgentServiceClient Agent => new(fixture.Edge.Channel);

    [Fact]
    public async Task Register_ValidToken_IssuesSessionAndClusterSubject()
    {
        var (clusterId, token) = await fixture.NewClusterAsync();
        var response = await RegisterAsync(token, "agent-0");
        Assert.Equal(clusterId, response.ClusterId);
        Assert.Equal($"mesh.c.{clusterId}", response.NatsSubject);
        Assert.Equal($"mesh-agent-{clusterId}", response.NatsQueueGroup);
        Assert.Equal(1u, response.CheckInIntervalSeconds);
        Assert.Equal(fixture.Nats.Url, Assert.Single(response.NatsUrls));
        Assert.False(string.IsNullOrEmpty(response.SessionId));

        var cluster = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}");
        Assert.Equal("online", cluster.Str("state"));
        Assert.Equal("1.2.3", cluster.Str("agent_version"));
        Assert.Equal("v1.30.1", cluster.Str("kubernetes_version"));
    }

    [Theory]
    [InlineData("ankagent_0123_secret")]
    [InlineData("nonsense")]
    [InlineData("")]
    public async Task Register_BadToken_Unauthenticated(string token)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(token, "agent-0"));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Theory]
    [InlineData("Agent-0")]
    [InlineData("a.b")]
    [InlineData("a*")]
    [InlineData("")]
    public async Task Register_ReplicaIdUnsafeForSubjects_InvalidArgument(string replicaId)
    {
        var (_, token) = await fixture.NewClusterAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(token, replicaId));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("[a-z0-9-]", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_SameReplicaAgain_FencesOlderSessionButKeepsOtherReplicas()
    {
        var (_, token) = await fixture.NewClusterAsync();
        var first = await RegisterAsync(token, "agent-0");
        var other = await RegisterAsync(token, "agent-1");
        var second = await RegisterAsync(token, "agent-0");

        var fenced = await Assert.ThrowsAsync<RpcException>(() => CheckInAsync(token, first.SessionId, "agent-0"));
        Assert.Equal(StatusCode.FailedPrecondition, fenced.StatusCode);
        Assert.Contains("register again", fenced.Status.Detail, StringComparison.Ordinal);

        await CheckInAsync(token, second.SessionId, "agent-0");
        await CheckInAsync(token, other.SessionId, "agent-1");
    }

    [Fact]
    public async Task RotateAgentToken_OldTokenAndSessionsStopWorking()
    {
        var (clusterId, token) = await fixture.NewClusterAsync();
        var session = await RegisterAsync(token, "agent-0");
        var rotated = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/agent-token/rotate");
        var newToken = rotated.Str("agent_token");

        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => CheckInAsync(token, session.SessionId, "agent-0"))).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(token, "agent-0"))).StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => CheckInAsync(newToken, session.SessionId, "agent-0"))).StatusCode);
        var fresh = await RegisterAsync(newToken, "agent-0");
        await CheckInAsync(newToken, fresh.SessionId, "agent-0");
    }

    [Fact]
    public async Task CheckIn_ReturnsDesiredGrantsAndVersionChangesWithGrants()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, token) = await fixture.NewClusterAsync();
        var session = await RegisterAsync(token, "agent-0");
        var first = await CheckInAsync(token, session.SessionId, "agent-0");
        var creator = Assert.Single(first.Grants);
        Assert.Equal(fixture.Admin.Email, creator.KubernetesUser);
        Assert.Equal(fixture.Admin.UserId, creator.KubernetesUid);
        Assert.Equal("cluster-admin", creator.Role);
        Assert.Equal(GrantScope.Cluster, creator.Scope);

        await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "namespace", role = "edit", @namespace = "apps" });
        var second = await CheckInAsync(token, session.SessionId, "agent-0");
        Assert.True(second.GrantsVersion > first.GrantsVersion);
        var added = second.Grants.Single(g => g.KubernetesUser == user.Email);
        Assert.Equal(user.UserId, added.KubernetesUid);
        Assert.Equal(GrantScope.Namespace, added.Scope);
        Assert.Equal("apps", added.Namespace);
        Assert.Equal("edit", added.Role);
    }

    [Fact]
    public async Task CheckIn_WithoutTokenMetadata_Unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Agent.CheckInAsync(new CheckInRequest { SessionId = "x", ReplicaId = "agent-0" }, deadline: DateTime.UtcNow.Add(Timeout)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task ReportGrantStatus_AppliedAndFailed_ShowInGrantList()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, token) = await fixture.NewClusterAsync();
        var session = await RegisterAsync(token, "agent-0");
        await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "view" });
        var desired = await CheckInAsync(token, session.SessionId, "agent-0");
        var adminGrant = desired.Grants.Single(g => g.KubernetesUid == fixture.Admin.UserId).GrantId;
        var userGrant = desired.Grants.Single(g => g.KubernetesUid == user.UserId).GrantId;

        var request = new ReportGrantStatusRequest { SessionId = session.SessionId, ReplicaId = "agent-0", GrantsVersion = desired.GrantsVersion };
        request.Statuses.Add(new GrantStatus { GrantId = adminGrant, State = GrantReconcileState.Applied });
        request.Statuses.Add(new GrantStatus { GrantId = userGrant, State = GrantReconcileState.Failed, Error = "clusterroles.rbac \"view\" not found" });
        request.Statuses.Add(new GrantStatus { GrantId = Guid.NewGuid().ToString("D"), State = GrantReconcileState.Applied });
        var reply = await Agent.ReportGrantStatusAsync(request, Metadata(token), DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);
        Assert.Equal(2u, reply.Accepted);

        var grants = (await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/grants")).Json!["result"]!.AsArray();
        Assert.Equal("applied", grants.Single(g => g!["id"]!.GetValue<string>() == adminGrant)!["reconcile_status"]!.GetValue<string>());
        var failed = grants.Single(g => g!["id"]!.GetValue<string>() == userGrant)!;
        Assert.Equal("failed", failed["reconcile_status"]!.GetValue<string>());
        Assert.Contains("not found", failed["reconcile_error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(failed["reconciled_at"]);

        var unspecified = new ReportGrantStatusRequest { SessionId = session.SessionId, ReplicaId = "agent-0" };
        unspecified.Statuses.Add(new GrantStatus { GrantId = adminGrant });
        var error = await Assert.ThrowsAsync<RpcException>(() => Agent.ReportGrantStatusAsync(unspecified, Metadata(token), DateTime.UtcNow.Add(Timeout)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Cluster_NoCheckInPastThreshold_GoesOfflineAndPendingGrantsShowClusterOffline()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, token) = await fixture.NewClusterAsync();
        await RegisterAsync(token, "agent-0");
        var created = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "view" });
        Assert.Equal("pending", created.Json!["grant"]!["reconcile_status"]!.GetValue<string>());

        // The fixture's threshold is 2 s; the state is computed on read, so poll it.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        ApiResponse cluster;
        do
        {
            cluster = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}");
            await Task.Delay(200);
        }
        while (cluster.Str("state") == "online" && DateTime.UtcNow < deadline);

        Assert.Equal("offline", cluster.Str("state"));
        Assert.NotNull(cluster.Json!["last_seen_at"]);
        var grants = (await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/grants")).Json!["result"]!.AsArray();
        Assert.All(grants, g => Assert.Equal("cluster_offline", g!["reconcile_status"]!.GetValue<string>()));
    }

    private static Metadata Metadata(string token) => new() { { "authorization", $"Bearer {token}" } };

    private Task<RegisterResponse> RegisterAsync(string token, string replicaId)
    {
        using var key = Ankra.Mesh.NatsAuth.NatsUserKeys.Create();
        return Agent.RegisterAsync(new RegisterRequest
        {
            RegistrationToken = token,
            ReplicaId = replicaId,
            AgentVersion = "1.2.3",
            KubernetesVersion = "v1.30.1",
            NatsPublicKey = key.PublicKey,
        }, deadline: DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);
    }

    private Task<CheckInResponse> CheckInAsync(string token, string sessionId, string replicaId) =>
        Agent.CheckInAsync(new CheckInRequest { SessionId = sessionId, ReplicaId = replicaId }, Metadata(token), DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);
}
