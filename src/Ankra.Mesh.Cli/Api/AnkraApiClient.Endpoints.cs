namespace Ankra.Mesh.Cli.Api;

/// <summary>The user API endpoints the CLI calls.</summary>
internal sealed partial class AnkraApiClient
{
    public Task<CurrentUser> GetCurrentUserAsync(CancellationToken cancellationToken = default) =>
        SendAsync<CurrentUser>(HttpMethod.Get, "/api/v1/me", null, cancellationToken);

    public Task<ResultPage<ClusterInfo>> ListClustersAsync(int page, int pageSize, string? name = null, CancellationToken cancellationToken = default) =>
        SendAsync<ResultPage<ClusterInfo>>(HttpMethod.Get,
            $"/api/v1/clusters?page={page}&page_size={pageSize}{(name is null ? "" : "&cluster_name=" + Uri.EscapeDataString(name))}",
            null, cancellationToken);

    public Task<ClusterInfo> GetClusterAsync(string clusterId, CancellationToken cancellationToken = default) =>
        SendAsync<ClusterInfo>(HttpMethod.Get, $"/api/v1/clusters/{Segment(clusterId)}", null, cancellationToken);

    public Task<ImportedCluster> ImportClusterAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<ImportedCluster>(HttpMethod.Post, "/api/v1/clusters", new { name, kind = "imported" }, cancellationToken);

    public Task<KubeToken> MintKubeTokenAsync(string clusterId, CancellationToken cancellationToken = default) =>
        SendAsync<KubeToken>(HttpMethod.Post, $"/api/v1/clusters/{Segment(clusterId)}/k8s-token", null, cancellationToken);

    public async Task<IReadOnlyList<GrantInfo>> ListGrantsAsync(string clusterId, CancellationToken cancellationToken = default) =>
        (await SendAsync<ResultPage<GrantInfo>>(HttpMethod.Get, $"/api/v1/clusters/{Segment(clusterId)}/access/grants", null, cancellationToken)).Result;

    public async Task<GrantInfo> CreateGrantAsync(string clusterId, string email, string role, string? ns, CancellationToken cancellationToken = default) =>
        (await SendAsync<GrantEnvelope>(HttpMethod.Post, $"/api/v1/clusters/{Segment(clusterId)}/access/grants",
            new { user_email = email, scope = ns is null ? "cluster" : "namespace", role, @namespace = ns }, cancellationToken)).Grant;

    public async Task DeleteGrantAsync(string clusterId, string grantId, CancellationToken cancellationToken = default) =>
        (await SendRawAsync(HttpMethod.Delete, $"/api/v1/clusters/{Segment(clusterId)}/access/grants/{Segment(grantId)}", null, cancellationToken)).Dispose();

    public Task<ResultPage<ApiTokenInfo>> ListTokensAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ResultPage<ApiTokenInfo>>(HttpMethod.Get, "/api/v1/tokens", null, cancellationToken);

    public Task<ApiTokenInfo> CreateTokenAsync(string name, int? expiresInDays, string? forEmail = null, CancellationToken cancellationToken = default) =>
        SendAsync<ApiTokenInfo>(HttpMethod.Post, "/api/v1/tokens", new { name, expires_in_days = expiresInDays, user_email = forEmail }, cancellationToken);

    public async Task RevokeTokenAsync(string tokenId, CancellationToken cancellationToken = default) =>
        (await SendRawAsync(HttpMethod.Delete, $"/api/v1/tokens/{Segment(tokenId)}", null, cancellationToken)).Dispose();

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private sealed record GrantEnvelope(GrantInfo Grant);
}
