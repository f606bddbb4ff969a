using System.Net;
using Ankra.Mesh.Edge.Access;
using Ankra.Mesh.Edge.KubeTokens;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>REST k8s-token and kubeconfig: grants, binding to user and cluster, revoke-all, rate limit.</summary>
[Collection(EdgeCollection.Name)]
public sealed class KubeTokenApiTests(EmbeddedEdgeFixture fixture)
{
    private KubeTokenValidator Validator => fixture.Edge.Services.GetRequiredService<KubeTokenValidator>();

    private AccessDecisionCache Decisions => fixture.Edge.Services.GetRequiredService<AccessDecisionCache>();

    [Fact]
    public async Task MintToken_WithGrant_ReturnsTokenBoundToUserAndCluster()
    {
        var (user, clusterId) = await GrantedUserAsync();
        using var mints = fixture.Edge.Collect("ankra.mesh.kube_token.mints");
        var minted = await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/k8s-token");
        Assert.Equal(HttpStatusCode.OK, minted.Status);
        Assert.Equal($"https://mesh.example.test/api/v1/clusters/{clusterId}/k8s", minted.Str("server"));
        var expires = minted.Json!["expires_at"]!.GetValue<DateTimeOffset>();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));

        var valid = await Validator.ValidateAsync(minted.Str("token"), clusterId).AsTask().WaitAsync(HttpClientApiExtensions.Timeout);
        Assert.True(valid.IsValid, valid.Message);
        Assert.Equal(user.UserId, valid.UserId);

        var decision = await Decisions.GetAsync(clusterId, valid.UserId!, valid.Generation).AsTask().WaitAsync(HttpClientApiExtensions.Timeout);
        Assert.True(decision.Allowed);
        Assert.Equal(user.Email, decision.KubernetesUser);
        Assert.Equal(user.UserId, decision.KubernetesUid);
        Assert.False(string.IsNullOrEmpty(decision.OrganisationId));
        Assert.NotNull(decision.GrantId);

        var elsewhere = await Validator.ValidateAsync(minted.Str("token"), Guid.NewGuid().ToString("D")).AsTask().WaitAsync(HttpClientApiExtensions.Timeout);
        Assert.Equal(KubeTokenFailure.WrongCluster, elsewhere.Failure);

        // Operators see mints as a metric.
        Assert.Equal([1L], mints.GetMeasurementSnapshot().Select(m => m.Value));
    }

    [Fact]
    public async Task MintToken_WithoutGrant_Returns403()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        var response = await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/k8s-token");
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("You do not have access to this cluster", response.Detail);
    }

    [Fact]
    public async Task Kubeconfig_WithGrant_ReturnsYamlWithEmbeddedToken()
    {
        var (user, clusterId) = await GrantedUserAsync();
        var response = await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/kubeconfig?namespace=team-a");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/yaml", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"server: \"https://mesh.example.test/api/v1/clusters/{clusterId}/k8s\"", response.Text, StringComparison.Ordinal);
        Assert.Contains("namespace: \"team-a\"", response.Text, StringComparison.Ordinal);
        var token = response.Text.Split('\n').Single(l => l.TrimStart().StartsWith("token:", StringComparison.Ordinal)).Split('"')[1];
        Assert.True((await Validator.ValidateAsync(token, clusterId).AsTask().WaitAsync(HttpClientApiExtensions.Timeout)).IsValid);

        var badNamespace = await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/kubeconfig?namespace=Bad_NS");
        Assert.Equal(HttpStatusCode.BadRequest, badNamespace.Status);
    }

    [Fact]
    public async Task MintToken_OverPerUserLimit_Returns429WithRetryAfter()
    {
        var (user, clusterId) = await GrantedUserAsync();
        for (var i = 0; i < EmbeddedEdgeFixture.MintsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/k8s-token")).Status);
        }

        var limited = await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/kubeconfig");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Contains("Too many", limited.Detail, StringComparison.Ordinal);
        var retryAfter = limited.Message.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task RevokeAll_TokenMintedBefore_IsDeniedEvenAfterNewGrant()
    {
        var (user, clusterId) = await GrantedUserAsync();
        var before = await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/k8s-token");
        var old = await Validator.ValidateAsync(before.Str("token"), clusterId).AsTask().WaitAsync(HttpClientApiExtensions.Timeout);

        await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/revoke-all");
        await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "view" });

        var decision = await Decisions.GetAsync(clusterId, user.UserId, old.Generation).AsTask().WaitAsync(HttpClientApiExtensions.Timeout);
        Assert.False(decision.Allowed);
        Assert.Equal(AccessDenialReason.TokenRevoked, decision.Reason);

        var fresh = await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/k8s-token");
        var renewed = await Validator.ValidateAsync(fresh.Str("token"), clusterId).AsTask().WaitAsync(HttpClientApiExtensions.Timeout);
        Assert.True((await Decisions.GetAsync(clusterId, user.UserId, renewed.Generation).AsTask().WaitAsync(HttpClientApiExtensions.Timeout)).Allowed);
    }

    private async Task<(TestUser User, string ClusterId)> GrantedUserAsync()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        var grant = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "view" });
        Assert.Equal(HttpStatusCode.Created, grant.Status);
        return (user, clusterId);
    }
}
