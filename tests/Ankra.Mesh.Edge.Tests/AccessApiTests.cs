using System.Net;
using Ankra.Mesh.Edge.Tests.Fixtures;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>Access grants: create, list, delete, revoke-all, capabilities, members, and their rules.</summary>
[Collection(EdgeCollection.Name)]
public sealed class AccessApiTests(EmbeddedEdgeFixture fixture)
{
    [Fact]
    public async Task CreateCluster_Creator_GetsRevocableClusterAdminGrant()
    {
        var (clusterId, _) = await fixture.NewClusterAsync();
        var grants = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/grants");
        var grant = Assert.Single(grants.Json!["result"]!.AsArray())!;
        Assert.Equal(fixture.Admin.UserId, grant["ankra_user_id"]!.GetValue<string>());
        Assert.Equal("cluster-admin", grant["role"]!.GetValue<string>());
        Assert.Equal("cluster", grant["scope"]!.GetValue<string>());

        var deleted = await fixture.Admin.Client.DeleteApiAsync($"/api/v1/clusters/{clusterId}/access/grants/{grant["id"]!.GetValue<string>()}");
        Assert.True(deleted.Json!["deleted"]!.GetValue<bool>());

        // No implicit access for admins: without the grant the creator cannot mint.
        var mint = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/k8s-token");
        Assert.Equal(HttpStatusCode.Forbidden, mint.Status);
        Assert.Equal("You do not have access to this cluster", mint.Detail);
    }

    [Fact]
    public async Task CreateGrant_NamespaceScope_ReturnsGrantWithAllFields()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        var created = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants",
            new { user_email = user.Email, scope = "namespace", role = "edit", @namespace = "team-a" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var grant = created.Json!["grant"]!;
        Assert.Equal(user.UserId, grant["ankra_user_id"]!.GetValue<string>());
        Assert.Equal(user.Email, grant["user_email"]!.GetValue<string>());
        Assert.Equal(clusterId, grant["cluster_id"]!.GetValue<string>());
        Assert.Equal(fixture.OrganisationId, grant["organisation_id"]!.GetValue<string>());
        Assert.Equal("team-a", grant["namespace"]!.GetValue<string>());
        Assert.Equal("edit", grant["role"]!.GetValue<string>());

        // No agent ever checked in: the grant waits for the cluster.
        Assert.Equal("cluster_offline", grant["reconcile_status"]!.GetValue<string>());
        Assert.Null(grant["reconcile_error"]);
        Assert.NotNull(grant["created_at"]);
    }

    [Theory]
    [InlineData("nobody", "cluster", "view", null, "user_email must be a valid email address")]
    [InlineData("MEMBER", "cluster", "root", null, "Unknown role 'root'")]
    [InlineData("MEMBER", "galaxy", "view", null, "Unknown scope 'galaxy'")]
    [InlineData("MEMBER", "namespace", "view", "Team_A", "is not a valid Kubernetes namespace name")]
    [InlineData("MEMBER", "namespace", "view", null, "is not a valid Kubernetes namespace name")]
    [InlineData("MEMBER", "cluster", "view", "team-a", "namespace must be null for a cluster-scoped grant")]
    [InlineData("stranger@else.test", "cluster", "view", null, "is not a member of this organisation")]
    public async Task CreateGrant_BadInput_Returns400WithItsOwnMessage(string email, string scope, string role, string? ns, string expected)
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        var response = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants",
            new { user_email = email == "MEMBER" ? user.Email : email, scope, role, @namespace = ns });
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(expected, response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateGrant_SameRequestAgain_Returns200WithTheSameGrant()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        var body = new { user_email = user.Email, scope = "cluster", role = "view" };
        var first = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", body);
        Assert.Equal(HttpStatusCode.Created, first.Status);

        // A retry (e.g. after a 503 whose write landed after all) gets the grant it asked for, not a second one.
        var again = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", body with { });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Json!["grant"]!["id"]!.GetValue<string>(), again.Json!["grant"]!["id"]!.GetValue<string>());
        var grants = (await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/grants")).Json!["result"]!.AsArray();
        Assert.Single(grants, g => g!["user_email"]!.GetValue<string>() == user.Email);
    }

    [Fact]
    public async Task CreateGrant_SameScopeOtherRole_Returns409()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        Assert.Equal(HttpStatusCode.Created, (await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "view" })).Status);
        var other = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "edit" });
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Contains("already has a grant", other.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManageGrants_ByMember_Returns403AndMemberSeesOnlyOwnGrants()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "view" });

        var create = await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
        Assert.Contains("Only organisation admins", create.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/revoke-all")).Status);

        var own = await user.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/grants");
        var only = Assert.Single(own.Json!["result"]!.AsArray())!;
        Assert.Equal(user.UserId, only["ankra_user_id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.DeleteApiAsync($"/api/v1/clusters/{clusterId}/access/grants/{only["id"]!.GetValue<string>()}")).Status);
    }

    [Fact]
    public async Task DeleteGrant_UnknownOrUnsafeId_Returns404Or400()
    {
        var (clusterId, _) = await fixture.NewClusterAsync();
        var unknown = await fixture.Admin.Client.DeleteApiAsync($"/api/v1/clusters/{clusterId}/access/grants/{Guid.NewGuid():D}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("Grant not found", unknown.Detail);
        var unsafeId = await fixture.Admin.Client.DeleteApiAsync($"/api/v1/clusters/{clusterId}/access/grants/a%3Eb");
        Assert.Equal(HttpStatusCode.BadRequest, unsafeId.Status);
    }

    [Fact]
    public async Task AccessEndpoints_UnknownCluster_Return404ClusterNotFound()
    {
        var id = Guid.NewGuid().ToString("D");
        foreach (var response in new[]
        {
            await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{id}/access/grants"),
            await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{id}/access/grants", new { user_email = fixture.Admin.Email, scope = "cluster", role = "view" }),
            await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{id}/access/revoke-all"),
            await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{id}/access/capabilities"),
            await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{id}/access/members"),
            await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{id}/k8s-token"),
            await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{id}/kubeconfig"),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
            Assert.Equal("Cluster not found", response.Detail);
        }
    }

    [Fact]
    public async Task SandboxCluster_RefusesGrantsAndTokens()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync("sandbox");
        var grant = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "view" });
        Assert.Equal(HttpStatusCode.BadRequest, grant.Status);
        Assert.Contains("Sandbox clusters do not support cluster access", grant.Detail, StringComparison.Ordinal);

        var mint = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/k8s-token");
        Assert.Equal(HttpStatusCode.BadRequest, mint.Status);
        Assert.Contains("Sandbox", mint.Detail, StringComparison.Ordinal);

        var capabilities = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/capabilities");
        Assert.False(capabilities.Json!["access_enabled"]!.GetValue<bool>());
        Assert.False(capabilities.Json["can_manage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RevokeAll_RemovesEveryGrantAndOldTokensNoLongerMatchTheGeneration()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "view" });

        var revoked = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/revoke-all");
        Assert.Equal(HttpStatusCode.OK, revoked.Status);
        Assert.Equal(2, revoked.Json!["revoked"]!.GetValue<int>());
        Assert.Empty((await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/grants")).Json!["result"]!.AsArray());
        Assert.False((await user.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/capabilities")).Json!["has_access"]!.GetValue<bool>());
    }

    [Fact]
    public async Task CapabilitiesAndMembers_ReflectGrants()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        var before = await user.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/capabilities");
        Assert.True(before.Json!["access_enabled"]!.GetValue<bool>());
        Assert.False(before.Json["can_manage"]!.GetValue<bool>());
        Assert.False(before.Json["has_access"]!.GetValue<bool>());

        await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "namespace", role = "view", @namespace = "web" });
        Assert.True((await user.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/capabilities")).Json!["has_access"]!.GetValue<bool>());
        Assert.True((await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/capabilities")).Json!["can_manage"]!.GetValue<bool>());

        var members = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/members");
        var entry = members.Json!["result"]!.AsArray().Single(m => m!["user_id"]!.GetValue<string>() == user.UserId)!;
        Assert.True(entry["has_access"]!.GetValue<bool>());
        Assert.Equal(user.Email, entry["email"]!.GetValue<string>());
    }
}
