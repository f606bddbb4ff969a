using System.Net;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>API tokens, <c>/me</c>, authentication failures and the start-up bootstrap.</summary>
[Collection(EdgeCollection.Name)]
public sealed class TokenApiTests(EmbeddedEdgeFixture fixture)
{
    [Fact]
    public async Task Bootstrap_EmbeddedDefault_WritesAdminTokenFileReadableByOwnerOnly()
    {
        var mode = File.GetUnixFileMode(fixture.TokenFile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);

        var me = await fixture.Admin.Client.GetApiAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal("admin@acme.test", me.Str("email"));
        var organisation = me.Json!["organisations"]![0]!;
        Assert.Equal("acme", organisation["name"]!.GetValue<string>());
        Assert.Equal("admin", organisation["role"]!.GetValue<string>());
        Assert.Equal(organisation["id"]!.GetValue<string>(), me.Str("default_organisation_id"));
    }

    [Fact]
    public async Task CreateToken_Valid_ShowsSecretOnceAndListsWithoutIt()
    {
        var user = await fixture.NewMemberAsync();
        var created = await user.Client.PostApiAsync("/api/v1/tokens", new { name = "laptop", expires_in_days = 30 });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var secret = created.Str("token");
        Assert.StartsWith("ank_", secret, StringComparison.Ordinal);
        var expires = created.Json!["expires_at"]!.GetValue<DateTimeOffset>();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));

        // The new token works on its own, and the listing never repeats the secret.
        var list = await fixture.Edge.Client(secret).GetApiAsync("/api/v1/tokens");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.DoesNotContain(secret, list.Text, StringComparison.Ordinal);
        var entry = list.Json!["result"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == created.Str("id"))!;
        Assert.Equal("laptop", entry["name"]!.GetValue<string>());
        Assert.NotNull(entry["last_used_at"]);
        Assert.Equal(1, list.Json["pagination"]!["page"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "name is required")]
    [InlineData("{\"name\":\"x\",\"expires_in_days\":0}", "expires_in_days must be between 1")]
    [InlineData("{\"name\":\"x\",\"expires_in_days\":100000}", "expires_in_days must be between 1")]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("", "JSON request body is required")]
    public async Task CreateToken_BadInput_Returns400WithDetail(string body, string expected)
    {
        var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await fixture.Admin.Client.SendApiAsync(HttpMethod.Post, "/api/v1/tokens", content: content);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(expected, response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_BodyTooLarge_Returns413()
    {
        var response = await fixture.Admin.Client.PostApiAsync("/api/v1/tokens", new { name = new string('x', 10_000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Contains("larger than 4096 bytes", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteToken_Current_LogsOutThatTokenOnly()
    {
        var user = await fixture.NewMemberAsync();
        var second = await user.Client.PostApiAsync("/api/v1/tokens", new { name = "second" });
        var secondClient = fixture.Edge.Client(second.Str("token"));

        var logout = await secondClient.DeleteApiAsync("/api/v1/tokens/current");
        Assert.Equal(HttpStatusCode.OK, logout.Status);
        Assert.True(logout.Json!["deleted"]!.GetValue<bool>());

        var after = await secondClient.GetApiAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetApiAsync("/api/v1/me")).Status);
    }

    [Fact]
    public async Task DeleteToken_ById_RevokesAndSecondDeleteIs404()
    {
        var user = await fixture.NewMemberAsync();
        var other = await user.Client.PostApiAsync("/api/v1/tokens", new { name = "ci" });
        var deleted = await user.Client.DeleteApiAsync($"/api/v1/tokens/{other.Str("id")}");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Edge.Client(other.Str("token")).GetApiAsync("/api/v1/me")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.DeleteApiAsync($"/api/v1/tokens/{other.Str("id")}")).Status);
    }

    [Fact]
    public async Task DeleteToken_OfAnotherUser_Returns404AndTokenKeepsWorking()
    {
        var owner = await fixture.NewMemberAsync();
        var created = await owner.Client.PostApiAsync("/api/v1/tokens", new { name = "mine" });
        var stranger = await fixture.NewMemberAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.DeleteApiAsync($"/api/v1/tokens/{created.Str("id")}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Edge.Client(created.Str("token")).GetApiAsync("/api/v1/me")).Status);
    }

    [Theory]
    [InlineData(null, "Missing API token")]
    [InlineData("garbage", "Malformed API token")]
    [InlineData("ank_0123456789abcdef0123456789abcdef_wrongsecret", "Invalid API token")]
    [InlineData("ank_bad.id_secret", "Malformed API token")]
    public async Task AnyEndpoint_BadApiToken_Returns401(string? token, string expected)
    {
        var response = await fixture.Edge.Client(token).GetApiAsync("/api/v1/clusters");
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Contains(expected, response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyEndpoint_ExpiredApiToken_Returns401Expired()
    {
        var tokenId = Guid.NewGuid().ToString("N");
        var grains = fixture.Edge.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IApiTokenGrain>(tokenId)
            .CreateAsync(fixture.Admin.UserId, "old", SecretHash.Of("s3cret"), DateTimeOffset.UtcNow.AddSeconds(-1))
            .WaitAsync(HttpClientApiExtensions.Timeout);

        var response = await fixture.Edge.Client($"ank_{tokenId}_s3cret").GetApiAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Contains("expired", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_ForMemberByAdmin_IssuesTokenOwnedByThatMember()
    {
        var user = await fixture.NewMemberAsync();
        var created = await fixture.Admin.Client.PostApiAsync("/api/v1/tokens", new { name = "onboarding", user_email = user.Email });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var me = await fixture.Edge.Client(created.Str("token")).GetApiAsync("/api/v1/me");
        Assert.Equal(user.UserId, me.Str("id"));

        var byMember = await user.Client.PostApiAsync("/api/v1/tokens", new { name = "x", user_email = fixture.Admin.Email });
        Assert.Equal(HttpStatusCode.Forbidden, byMember.Status);
        var stranger = await fixture.Admin.Client.PostApiAsync("/api/v1/tokens", new { name = "x", user_email = "nobody@else.test" });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.Status);
        Assert.Contains("is not a member", stranger.Detail, StringComparison.Ordinal);
    }
}
