namespace Ankra.Mesh.Cli.Api;

/// <summary>The user API endpoints the CLI calls.</summary>
internal sealed partial class AnkraApiClient
{
    public Task<CurrentUser> GetCurrentUserAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "/api/v1/me", null, ApiJsonContext.Default.CurrentUser, cancellationToken);

    public Task<ResultPage<ClusterInfo>> ListClustersAsync(int page, int pageSize, string? name = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get,
            $"/api/v1/clusters?page={page}&page_size={pageSize}{(name is null ? "" : "&cluster_name=" + Uri.EscapeDataString(name))}",
            null, ApiJsonContext.Default.ResultPageClusterInfo, cancellationToken);

    public Task<ClusterInfo> GetClusterAsync(string clusterId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"/api/v1/clusters/{Segment(clusterId)}", null, ApiJsonContext.Default.ClusterInfo, cancellationToken);

    public Task<ImportedCluster> ImportClusterAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/api/v1/clusters",
            Json(new ImportClusterRequest(name, "imported"), ApiJsonContext.Default.ImportClusterRequest), ApiJsonContext.Default.ImportedCluster, cancellationToken);

    public Task<KubeToken> MintKubeTokenAsync(string clusterId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"/api/v1/clusters/{Segment(clusterId)}/k8s-token", null, ApiJsonContext.Default.KubeToken, cancellationToken);

    public async Task<IReadOnlyList<GrantInfo>> ListGrantsAsync(string clusterId, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, $"/api/v1/clusters/{Segment(clusterId)}/access/grants", null, ApiJsonContext.Default.ResultPageGrantInfo, cancellationToken)).Result;

    public async Task<GrantInfo> CreateGrantAsync(string clusterId, string email, string role, string? ns, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, $"/api/v1/clusters/{Segment(clusterId)}/access/grants",
            Json(new CreateGrantRequest(email, ns is null ? "cluster" : "namespace", role, ns), ApiJsonContext.Default.CreateGrantRequest),
            ApiJsonContext.Default.GrantEnvelope, cancellationToken)).Grant;

    public async Task DeleteGrantAsync(string clusterId, string grantId, CancellationToken cancellationToken = default) =>
        (await SendRawAsync(HttpMethod.Delete, $"/api/v1/clusters/{Segment(clusterId)}/access/grants/{Segment(grantId)}", null, cancellationToken)).Dispose();

    public async Task<GrantInfo> ChangeGrantRoleAsync(string clusterId, string grantId, string role, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Patch, $"/api/v1/clusters/{Segment(clusterId)}/access/grants/{Segment(grantId)}",
            Json(new ChangeGrantRequest(role), ApiJsonContext.Default.ChangeGrantRequest), ApiJsonContext.Default.GrantEnvelope, cancellationToken)).Grant;

    public async Task DeleteClusterAsync(string clusterId, CancellationToken cancellationToken = default) =>
        (await SendRawAsync(HttpMethod.Delete, $"/api/v1/clusters/{Segment(clusterId)}", null, cancellationToken)).Dispose();

    public async Task<IReadOnlyList<MemberInfo>> ListMembersAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "/api/v1/organisation/members", null, ApiJsonContext.Default.ResultPageMemberInfo, cancellationToken)).Result;

    public async Task<MemberInfo> AddMemberAsync(string email, string role, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, "/api/v1/organisation/members",
            Json(new AddMemberRequest(email, role), ApiJsonContext.Default.AddMemberRequest), ApiJsonContext.Default.MemberEnvelope, cancellationToken)).Member;

    public async Task RemoveMemberAsync(string userId, CancellationToken cancellationToken = default) =>
        (await SendRawAsync(HttpMethod.Delete, $"/api/v1/organisation/members/{Segment(userId)}", null, cancellationToken)).Dispose();

    public Task<ResultPage<ApiTokenInfo>> ListTokensAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "/api/v1/tokens", null, ApiJsonContext.Default.ResultPageApiTokenInfo, cancellationToken);

    public Task<ApiTokenInfo> CreateTokenAsync(string name, int? expiresInDays, string? forEmail = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/api/v1/tokens",
            Json(new CreateTokenRequest(name, expiresInDays, forEmail), ApiJsonContext.Default.CreateTokenRequest), ApiJsonContext.Default.ApiTokenInfo, cancellationToken);

    public async Task RevokeTokenAsync(string tokenId, CancellationToken cancellationToken = default) =>
        (await SendRawAsync(HttpMethod.Delete, $"/api/v1/tokens/{Segment(tokenId)}", null, cancellationToken)).Dispose();

    private static string Segment(string value) => Uri.EscapeDataString(value);
}
