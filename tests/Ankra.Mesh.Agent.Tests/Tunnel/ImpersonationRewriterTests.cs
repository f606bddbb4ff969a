using System.Net;
using System.Text.Json.Nodes;
using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Agent.Kubernetes;
using Ankra.Mesh.Agent.Tunnel;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Agent;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Tests.Tunnel;

public sealed class ImpersonationRewriterTests : IDisposable
{
    private const string AgentToken = "agent-sa-token";

    private readonly ApiServerConnection _apiServer = new(Options.Create(new AgentOptions
    {
        ApiServer = new ApiServerOptions { Url = "https://127.0.0.1:6443", Token = AgentToken },
    }));

    private static Identity Alice => new()
    {
        User = "alice@example.com",
        Uid = "6c1f0d1e-alice-uid",
        OrganisationId = "org-1",
        RequestId = "req-9",
        GrantId = "grant-3",
    };

    [Fact]
    public async Task Rewrite_MemberIdentity_ImpersonatesEmailWithUidAndOrgRequestGrantExtras()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1:6443/api/v1/pods");

        await new ImpersonationRewriter(_apiServer).RewriteAsync(request, Alice, CancellationToken.None);

        Assert.Equal($"Bearer {AgentToken}", request.Headers.Authorization?.ToString());
        Assert.Equal(["alice@example.com"], request.Headers.GetValues("Impersonate-User"));
        Assert.Equal(["6c1f0d1e-alice-uid"], request.Headers.GetValues("Impersonate-Uid"));
        Assert.Equal(["org-1"], request.Headers.GetValues("Impersonate-Extra-ankra-org-id"));
        Assert.Equal(["req-9"], request.Headers.GetValues("Impersonate-Extra-ankra-request-id"));
        Assert.Equal(["grant-3"], request.Headers.GetValues("Impersonate-Extra-ankra-grant-id"));
        Assert.False(request.Headers.Contains("Impersonate-Group"));
    }

    [Fact]
    public async Task Rewrite_ClientSmuggledIdentityHeaders_ReplacedByTheGrantedIdentity()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1:6443/api/v1/pods");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer stolen");
        request.Headers.TryAddWithoutValidation("Impersonate-User", "system:admin");
        request.Headers.TryAddWithoutValidation("Impersonate-Uid", "0");
        request.Headers.TryAddWithoutValidation("Impersonate-Group", "system:masters");
        request.Headers.TryAddWithoutValidation("Impersonate-Extra-ankra-org-id", "other-org");
        request.Headers.TryAddWithoutValidation("X-Remote-User", "system:admin");

        await new ImpersonationRewriter(_apiServer).RewriteAsync(request, Alice, CancellationToken.None);

        Assert.Equal($"Bearer {AgentToken}", request.Headers.Authorization?.ToString());
        Assert.Equal(["alice@example.com"], request.Headers.GetValues("Impersonate-User"));
        Assert.Equal(["6c1f0d1e-alice-uid"], request.Headers.GetValues("Impersonate-Uid"));
        Assert.Equal(["org-1"], request.Headers.GetValues("Impersonate-Extra-ankra-org-id"));
        Assert.False(request.Headers.Contains("Impersonate-Group"));
        Assert.False(request.Headers.Contains("X-Remote-User"));
    }

    [Fact]
    public async Task Rewrite_IdentityWithoutUid_ImpersonatesTheUserOnly()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1:6443/api/v1/pods");

        await new ImpersonationRewriter(_apiServer).RewriteAsync(request, new Identity { User = "bob@example.com" }, CancellationToken.None);

        Assert.Equal(["bob@example.com"], request.Headers.GetValues("Impersonate-User"));
        Assert.False(request.Headers.Contains("Impersonate-Uid"));
        Assert.DoesNotContain(request.Headers, h => h.Key.StartsWith("Impersonate-Extra-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "no user identity")]
    [InlineData("alice@example.com\r\nImpersonate-Group: system:masters", "not visible ASCII")]
    [InlineData("alice,system:admin@example.com", "not visible ASCII, or a comma")]
    [InlineData("al ice@example.com", "not visible ASCII")]
    [InlineData("alicé@example.com", "not visible ASCII")]
    [InlineData("system:admin", "reserved prefix system:")]
    public async Task Rewrite_UnsafeUserName_RefusedWithForbiddenStatusAndNoHeaderSent(string user, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1:6443/api/v1/pods");
        var identity = Alice;
        identity.User = user;

        var refused = await Assert.ThrowsAsync<TunnelRequestRejectedException>(
            () => new ImpersonationRewriter(_apiServer).RewriteAsync(request, identity, CancellationToken.None).AsTask());

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var status = JsonNode.Parse(refused.Body)!;
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal(403, (int?)status["code"]);
        Assert.Contains(reason, (string?)status["message"], StringComparison.Ordinal);
        Assert.False(request.Headers.Contains("Impersonate-User"));
        Assert.Null(request.Headers.Authorization);
    }

    [Fact]
    public async Task Rewrite_UidWithNewline_Refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1:6443/api/v1/pods");
        var identity = Alice;
        identity.Uid = "uid\nImpersonate-Group: system:masters";

        var refused = await Assert.ThrowsAsync<TunnelRequestRejectedException>(
            () => new ImpersonationRewriter(_apiServer).RewriteAsync(request, identity, CancellationToken.None).AsTask());

        Assert.Contains("uid is not a safe header value", refused.Body, StringComparison.Ordinal);
    }

    public void Dispose() => _apiServer.Dispose();
}
