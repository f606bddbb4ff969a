using System.Net;
using Ankra.Mesh.Edge.Access;
using Ankra.Mesh.Edge.KubeTokens;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>
/// PATCH /api/v1/organisation/members/{user_id}: a member's email is who they are in every cluster, so a change reaches
/// the grants, the edge's cached decisions and the agents; tokens minted before keep working under the new name.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class MemberEmailApiTests(EmbeddedEdgeFixture fixture)
{
    private static readonly TimeSpan Timeout = HttpClientApiExtensions.Timeout;

    private AccessDecisionCache Decisions => fixture.Edge.Services.GetRequiredService<AccessDecisionCache>();

    private KubeTokenValidator Validator => fixture.Edge.Services.GetRequiredService<KubeTokenValidator>();

    [Fact]
    public async Task ChangeEmail_MemberWithGrantAndKubeToken_GrantDecisionAndOldTokenNameTheNewEmail()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        Assert.Equal(HttpStatusCode.Created, (await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants",
            new { user_email = user.Email, scope = "cluster", role = "view" })).Status);
        var minted = await user.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/k8s-token");
        var token = await Validator.ValidateAsync(minted.Str("token"), clusterId).AsTask().WaitAsync(Timeout);
        Assert.Equal(user.Email, (await Decisions.GetAsync(clusterId, user.UserId, token.Generation).AsTask().WaitAsync(Timeout)).KubernetesUser);
        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(string id)
        {
            if (id == clusterId)
            {
                dropped.TrySetResult();
            }
        }

        Decisions.ClusterAccessChanged += OnChanged;
        var newEmail = $"Renamed-{Guid.NewGuid():N}@Acme.test";
        try
        {
            var changed = await fixture.Admin.Client.SendApiAsync(HttpMethod.Patch, $"/api/v1/organisation/members/{user.UserId}", new { email = newEmail });

            Assert.Equal(HttpStatusCode.OK, changed.Status);
            Assert.Equal(newEmail.ToLowerInvariant(), changed.Json!["member"]!["email"]!.GetValue<string>());
            Assert.Equal(user.UserId, changed.Json!["member"]!["user_id"]!.GetValue<string>());

            // The access-changed event empties the edge's cache: the next decision names the new email.
            await dropped.Task.WaitAsync(Timeout);
        }
        finally
        {
            Decisions.ClusterAccessChanged -= OnChanged;
        }

        var decision = await Decisions.GetAsync(clusterId, user.UserId, token.Generation).AsTask().WaitAsync(Timeout);
        Assert.True(decision.Allowed);
        Assert.Equal(newEmail.ToLowerInvariant(), decision.KubernetesUser);
        Assert.Equal(user.UserId, decision.KubernetesUid);
        var grants = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/grants");
        var grant = Assert.Single(grants.Json!["result"]!.AsArray(), g => g!["ankra_user_id"]!.GetValue<string>() == user.UserId);
        Assert.Equal(newEmail.ToLowerInvariant(), grant!["user_email"]!.GetValue<string>());

        // The kube token minted before the change still verifies (it names the user id, not the email), and so does the API token.
        Assert.True((await Validator.ValidateAsync(minted.Str("token"), clusterId).AsTask().WaitAsync(Timeout)).IsValid);
        var me = await user.Client.GetApiAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(newEmail.ToLowerInvariant(), me.Str("email"));
    }

    [Fact]
    public async Task ChangeEmail_ToAnotherMembersEmail_Returns409()
    {
        var user = await fixture.NewMemberAsync();
        var other = await fixture.NewMemberAsync();

        var response = await fixture.Admin.Client.SendApiAsync(HttpMethod.Patch, $"/api/v1/organisation/members/{user.UserId}", new { email = other.Email });

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Contains("already used by another account", response.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("alice,bob@acme.test")]
    [InlineData("system:admin@acme.test")]
    [InlineData("\"quoted\"@acme.test")]
    [InlineData("alicé@acme.test")]
    [InlineData("alice@acme.test\u0000")]
    [InlineData("alice@-acme.test")]
    public async Task ChangeEmail_UnsafeOrInvalidEmail_Returns400(string email)
    {
        var user = await fixture.NewMemberAsync();

        var response = await fixture.Admin.Client.SendApiAsync(HttpMethod.Patch, $"/api/v1/organisation/members/{user.UserId}", new { email });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("email must be a valid email address", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeEmail_ByPlainMember_Returns403()
    {
        var user = await fixture.NewMemberAsync();

        var response = await user.Client.SendApiAsync(HttpMethod.Patch, $"/api/v1/organisation/members/{user.UserId}", new { email = "mine@acme.test" });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Contains("Only organisation admins", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeEmail_UnknownMember_Returns404()
    {
        var response = await fixture.Admin.Client.SendApiAsync(HttpMethod.Patch, $"/api/v1/organisation/members/{Guid.NewGuid():D}", new { email = "nobody@acme.test" });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("Member not found", response.Detail);
    }
}
