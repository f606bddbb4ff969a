using System.Net;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Grpc.Core;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>PATCH /api/v1/clusters/{id}/access/grants/{grant_id}: a grant's role changes in place and goes back to pending.</summary>
[Collection(EdgeCollection.Name)]
public sealed class GrantRoleChangeTests(EmbeddedEdgeFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PatchGrant_NewRole_SameGrantPendingAndTheAgentGetsTheNewRole()
    {
        var (clusterId, agentToken) = await fixture.NewClusterAsync();
        var user = await fixture.NewMemberAsync();
        var grantId = (await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants",
            new { user_email = user.Email, scope = "namespace", role = "view", @namespace = "team-a" })).Json!["grant"]!["id"]!.GetValue<string>();
        var agent = new AgentService.AgentServiceClient(fixture.Edge.Channel);
        using var key = Ankra.Mesh.NatsAuth.NatsUserKeys.Create();
        var session = await agent.RegisterAsync(new RegisterRequest { RegistrationToken = agentToken, ReplicaId = "agent-0", AgentVersion = "1.2.3", NatsPublicKey = key.PublicKey },
            deadline: DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);
        var before = await CheckInAsync(agent, agentToken, session.SessionId);
        var report = new ReportGrantStatusRequest { SessionId = session.SessionId, ReplicaId = "agent-0", GrantsVersion = before.GrantsVersion };
        report.Statuses.Add(new GrantStatus { GrantId = grantId, State = GrantReconcileState.Applied });
        await agent.ReportGrantStatusAsync(report, Metadata(agentToken), DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);

        var changed = await fixture.Admin.Client.SendApiAsync(HttpMethod.Patch, $"/api/v1/clusters/{clusterId}/access/grants/{grantId}", new { role = "edit" });
        var after = await CheckInAsync(agent, agentToken, session.SessionId);

        Assert.Equal(HttpStatusCode.OK, changed.Status);
        var grant = changed.Json!["grant"]!;
        Assert.Equal(grantId, grant["id"]!.GetValue<string>());
        Assert.Equal("edit", grant["role"]!.GetValue<string>());
        Assert.Equal("namespace", grant["scope"]!.GetValue<string>());
        Assert.Equal("team-a", grant["namespace"]!.GetValue<string>());
        Assert.Equal("pending", grant["reconcile_status"]!.GetValue<string>());
        Assert.True(after.GrantsVersion > before.GrantsVersion);
        var desired = Assert.Single(after.Grants, g => g.GrantId == grantId);
        Assert.Equal((grantId, "edit", "team-a"), (desired.GrantId, desired.Role, desired.Namespace));
    }

    [Fact]
    public async Task PatchGrant_SameRole_Returns200Unchanged()
    {
        var (clusterId, grantId) = await ViewGrantAsync();

        var same = await fixture.Admin.Client.SendApiAsync(HttpMethod.Patch, $"/api/v1/clusters/{clusterId}/access/grants/{grantId}", new { role = "view" });

        Assert.Equal(HttpStatusCode.OK, same.Status);
        Assert.Equal("view", same.Json!["grant"]!["role"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("superuser", HttpStatusCode.BadRequest, "role")]
    [InlineData(null, HttpStatusCode.BadRequest, "role")]
    public async Task PatchGrant_BadRole_Returns400(string? role, HttpStatusCode expected, string detail)
    {
        var (clusterId, grantId) = await ViewGrantAsync();

        var response = await fixture.Admin.Client.SendApiAsync(HttpMethod.Patch, $"/api/v1/clusters/{clusterId}/access/grants/{grantId}", new { role });

        Assert.Equal(expected, response.Status);
        Assert.Contains(detail, response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchGrant_UnknownGrantOrMember_Returns404Or403()
    {
        var (clusterId, grantId) = await ViewGrantAsync();
        var member = await fixture.NewMemberAsync();

        var unknown = await fixture.Admin.Client.SendApiAsync(HttpMethod.Patch, $"/api/v1/clusters/{clusterId}/access/grants/{Guid.NewGuid():D}", new { role = "edit" });
        var byMember = await member.Client.SendApiAsync(HttpMethod.Patch, $"/api/v1/clusters/{clusterId}/access/grants/{grantId}", new { role = "edit" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("Grant not found", unknown.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, byMember.Status);
    }

    private async Task<(string ClusterId, string GrantId)> ViewGrantAsync()
    {
        var (clusterId, _) = await fixture.NewClusterAsync();
        var user = await fixture.NewMemberAsync();
        var created = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "view" });
        return (clusterId, created.Json!["grant"]!["id"]!.GetValue<string>());
    }

    private static Metadata Metadata(string token) => new() { { "authorization", $"Bearer {token}" } };

    private static Task<CheckInResponse> CheckInAsync(AgentService.AgentServiceClient agent, string token, string sessionId) =>
        agent.CheckInAsync(new CheckInRequest { SessionId = sessionId, ReplicaId = "agent-0" }, Metadata(token), DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);
}
