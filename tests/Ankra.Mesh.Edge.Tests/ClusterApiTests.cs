using System.Net;
using Ankra.Mesh.Edge.Tests.Fixtures;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>Clusters: create/import, list with paging and filters, get, agent token rotation.</summary>
[Collection(EdgeCollection.Name)]
public sealed class ClusterApiTests(EmbeddedEdgeFixture fixture)
{
    [Fact]
    public async Task CreateCluster_Imported_ReturnsClusterTokenAndInstallCommand()
    {
        var name = $"prod-{Guid.NewGuid():N}"[..16];
        var created = await fixture.Admin.Client.PostApiAsync("/api/v1/clusters", new { name, kind = "imported" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var cluster = created.Json!["cluster"]!;
        Assert.Equal(name, cluster["name"]!.GetValue<string>());
        Assert.Equal("offline", cluster["state"]!.GetValue<string>());
        Assert.Equal("imported", cluster["kind"]!.GetValue<string>());
        Assert.Equal(fixture.OrganisationId, cluster["organisation_id"]!.GetValue<string>());
        var token = created.Str("agent_token");
        Assert.StartsWith("ankagent_", token, StringComparison.Ordinal);
        Assert.Contains(token, created.Str("install_command"), StringComparison.Ordinal);
        Assert.Contains("https://mesh.example.test", created.Str("install_command"), StringComparison.Ordinal);

        var got = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{cluster["id"]!.GetValue<string>()}");
        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal(name, got.Str("name"));
    }

    [Theory]
    [InlineData("Bad_Name", "imported", "name must be a DNS-1123 label")]
    [InlineData("-x", "imported", "name must be a DNS-1123 label")]
    [InlineData("ok", "managed", "Unknown kind 'managed'")]
    public async Task CreateCluster_BadInput_Returns400(string name, string kind, string expected)
    {
        var response = await fixture.Admin.Client.PostApiAsync("/api/v1/clusters", new { name, kind });
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(expected, response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCluster_DuplicateName_Returns409()
    {
        var name = $"dup-{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.Created, (await fixture.Admin.Client.PostApiAsync("/api/v1/clusters", new { name })).Status);
        var again = await fixture.Admin.Client.PostApiAsync("/api/v1/clusters", new { name });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }

    [Fact]
    public async Task CreateCluster_ByMember_Returns403()
    {
        var user = await fixture.NewMemberAsync();
        var response = await user.Client.PostApiAsync("/api/v1/clusters", new { name = "mine" });
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
    }

    [Fact]
    public async Task ListClusters_PagesAndFilters()
    {
        var (first, _) = await fixture.NewClusterAsync();
        await fixture.NewClusterAsync();
        var page = await fixture.Admin.Client.GetApiAsync("/api/v1/clusters?page=1&page_size=1");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Single(page.Json!["result"]!.AsArray());
        Assert.True(page.Json["pagination"]!["total_pages"]!.GetValue<int>() >= 2);

        var byId = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters?cluster_id={first}");
        var only = Assert.Single(byId.Json!["result"]!.AsArray())!;
        var byName = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters?cluster_name={only["name"]!.GetValue<string>()}");
        Assert.Equal(first, Assert.Single(byName.Json!["result"]!.AsArray())!["id"]!.GetValue<string>());

        var bad = await fixture.Admin.Client.GetApiAsync("/api/v1/clusters?page=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Admin.Client.GetApiAsync("/api/v1/clusters?page_size=1000")).Status);
    }

    [Fact]
    public async Task GetCluster_UnknownOrOtherOrganisation_Returns404ClusterNotFound()
    {
        var response = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{Guid.NewGuid():D}");
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Cluster not found", response.Detail);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("UPPER")]
    [InlineData("star*")]
    public async Task GetCluster_IdUnsafeForSubjects_Returns400(string id)
    {
        var response = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("Invalid cluster id", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateAgentToken_ByAdmin_ReturnsNewTokenAndMemberIsRefused()
    {
        var (clusterId, oldToken) = await fixture.NewClusterAsync();
        var rotated = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/agent-token/rotate");
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.NotEqual(oldToken, rotated.Str("agent_token"));

        var user = await fixture.NewMemberAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/agent-token/rotate")).Status);
    }
}
