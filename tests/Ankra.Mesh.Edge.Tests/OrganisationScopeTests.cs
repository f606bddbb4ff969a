using System.Net;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>Clusters of another organisation are invisible; X-Ankra-Organisation-Id selects among the caller's.</summary>
[Collection(EdgeCollection.Name)]
public sealed class OrganisationScopeTests(EmbeddedEdgeFixture fixture)
{
    [Fact]
    public async Task ClusterOfOtherOrganisation_Returns404UnlessHeaderSelectsIt()
    {
        // A second organisation with its own admin and cluster.
        var grains = fixture.Edge.Services.GetRequiredService<IGrainFactory>();
        var otherAdmin = $"boss-{Guid.NewGuid():N}@other.test";
        var otherOrg = await grains.GetGrain<IBootstrapGrain>($"other-{Guid.NewGuid():N}").EnsureOrganisationAsync(otherAdmin).WaitAsync(HttpClientApiExtensions.Timeout);
        var otherAdminId = await grains.GetGrain<IUserDirectoryGrain>(otherAdmin).GetOrCreateUserIdAsync().WaitAsync(HttpClientApiExtensions.Timeout);
        var (_, token) = await fixture.Edge.Services.GetRequiredService<ApiTokenService>().CreateAsync(otherAdminId, "test", 1).WaitAsync(HttpClientApiExtensions.Timeout);
        var other = fixture.Edge.Client(token);
        var created = await other.PostApiAsync("/api/v1/clusters", new { name = "theirs" });
        var clusterId = created.Json!["cluster"]!["id"]!.GetValue<string>();

        foreach (var response in new[]
        {
            await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}"),
            await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/k8s-token"),
            await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/grants"),
            await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/agent-token/rotate"),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
            Assert.Equal("Cluster not found", response.Detail);
        }

        Assert.DoesNotContain(clusterId, (await fixture.Admin.Client.GetApiAsync("/api/v1/clusters")).Text, StringComparison.Ordinal);

        // Once a member of both, the header picks the organisation; the default stays the first one.
        var joined = await other.PostApiAsync("/api/v1/organisation/members", new { email = fixture.Admin.Email, role = "member" });
        Assert.Equal(HttpStatusCode.Created, joined.Status);
        var selected = fixture.Edge.Client(fixture.Admin.Token, otherOrg);
        Assert.Equal(HttpStatusCode.OK, (await selected.GetApiAsync($"/api/v1/clusters/{clusterId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}")).Status);
        var me = await fixture.Admin.Client.GetApiAsync("/api/v1/me");
        Assert.Equal(fixture.OrganisationId, me.Str("default_organisation_id"));
        Assert.Equal(2, me.Json!["organisations"]!.AsArray().Count);

        // In the other organisation the first org's admin is a plain member: no cluster creation there.
        Assert.Equal(HttpStatusCode.Forbidden, (await selected.PostApiAsync("/api/v1/clusters", new { name = "nope" })).Status);
    }
}
