using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Edge.KubeTokens;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>gRPC TokenService over h2c: the same rules as REST, as gRPC status codes.</summary>
[Collection(EdgeCollection.Name)]
public sealed class TokenServiceTests(EmbeddedEdgeFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private TokenService.TokenServiceClient Tokens => new(fixture.Edge.Channel);

    [Fact]
    public async Task MintKubeToken_WithGrant_ReturnsValidToken()
    {
        var (user, clusterId) = await GrantedUserAsync();
        var response = await Tokens.MintKubeTokenAsync(new MintKubeTokenRequest { ClusterId = clusterId, OrganisationId = fixture.OrganisationId }, Auth(user.Token), DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);
        Assert.Equal($"https://mesh.example.test/api/v1/clusters/{clusterId}/k8s", response.Server);
        var validation = await fixture.Edge.Services.GetRequiredService<KubeTokenValidator>().ValidateAsync(response.Token, clusterId).AsTask().WaitAsync(Timeout);
        Assert.Equal(user.UserId, validation.UserId);
        Assert.Equal(validation.ExpiresAt, response.ExpiresAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task GenerateKubeconfig_WithGrant_ReturnsContextAndYaml()
    {
        var (user, clusterId) = await GrantedUserAsync();
        var response = await Tokens.GenerateKubeconfigAsync(new GenerateKubeconfigRequest { ClusterId = clusterId, Namespace = "apps" }, Auth(user.Token), DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);
        Assert.StartsWith("ankra-", response.ContextName, StringComparison.Ordinal);
        Assert.Contains($"current-context: \"{response.ContextName}\"", response.KubeconfigYaml, StringComparison.Ordinal);
        Assert.Contains("namespace: \"apps\"", response.KubeconfigYaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MintKubeToken_Refusals_MapToGrpcStatusCodes()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        Assert.Equal(StatusCode.PermissionDenied, (await MintFailureAsync(clusterId, user.Token)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await MintFailureAsync(Guid.NewGuid().ToString("D"), user.Token)).StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, (await MintFailureAsync("bad.id", user.Token)).StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, (await MintFailureAsync(clusterId, "ank_nope")).StatusCode);
    }

    [Fact]
    public async Task MintKubeToken_OverLimit_ResourceExhaustedWithRetryAfter()
    {
        var (user, clusterId) = await GrantedUserAsync();
        for (var i = 0; i < EmbeddedEdgeFixture.MintsPerMinute; i++)
        {
            await Tokens.MintKubeTokenAsync(new MintKubeTokenRequest { ClusterId = clusterId }, Auth(user.Token), DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);
        }

        var error = await MintFailureAsync(clusterId, user.Token);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.NotNull(error.Trailers.GetValue("retry-after"));
    }

    private static Metadata Auth(string token) => new() { { "authorization", $"Bearer {token}" } };

    private Task<RpcException> MintFailureAsync(string clusterId, string token) =>
        Assert.ThrowsAsync<RpcException>(() => Tokens.MintKubeTokenAsync(new MintKubeTokenRequest { ClusterId = clusterId }, Auth(token), DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout));

    private async Task<(TestUser User, string ClusterId)> GrantedUserAsync()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "view" });
        return (user, clusterId);
    }
}
