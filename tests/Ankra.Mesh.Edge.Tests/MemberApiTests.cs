using System.Net;
using Ankra.Mesh.Edge.Tests.Fixtures;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>Organisation members: list, add, remove, roles and their rules.</summary>
[Collection(EdgeCollection.Name)]
public sealed class MemberApiTests(EmbeddedEdgeFixture fixture)
{
    [Fact]
    public async Task AddMember_ByAdmin_Returns201AndAppearsInList()
    {
        var email = $"New-{Guid.NewGuid():N}@Acme.test";
        var added = await fixture.Admin.Client.PostApiAsync("/api/v1/organisation/members", new { email, role = "member" });
        Assert.Equal(HttpStatusCode.Created, added.Status);
        var member = added.Json!["member"]!;
        Assert.Equal(email.ToLowerInvariant(), member["email"]!.GetValue<string>());
        Assert.Equal("member", member["role"]!.GetValue<string>());
        Assert.NotNull(member["created_at"]);

        var list = await fixture.Admin.Client.GetApiAsync("/api/v1/organisation/members");
        Assert.Contains(list.Json!["result"]!.AsArray(), m => m!["user_id"]!.GetValue<string>() == member["user_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not-an-email", "member", "email must be a valid email address")]
    [InlineData("a@b", "member", "email must be a valid email address")]
    [InlineData("ok@acme.test", "owner", "Unknown role 'owner'")]
    public async Task AddMember_BadInput_Returns400(string email, string role, string expected)
    {
        var response = await fixture.Admin.Client.PostApiAsync("/api/v1/organisation/members", new { email, role });
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(expected, response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMember_SameRequestAgain_Returns200WithTheSameMember()
    {
        var user = await fixture.NewMemberAsync();
        var again = await fixture.Admin.Client.PostApiAsync("/api/v1/organisation/members", new { email = user.Email, role = "member" });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(user.UserId, again.Json!["member"]!["user_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AddMember_AgainWithOtherRole_Returns409()
    {
        var user = await fixture.NewMemberAsync();
        var again = await fixture.Admin.Client.PostApiAsync("/api/v1/organisation/members", new { email = user.Email, role = "admin" });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("already a member", again.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOrRemoveMember_ByPlainMember_Returns403()
    {
        var user = await fixture.NewMemberAsync();
        var add = await user.Client.PostApiAsync("/api/v1/organisation/members", new { email = "x@acme.test", role = "member" });
        Assert.Equal(HttpStatusCode.Forbidden, add.Status);
        var remove = await user.Client.DeleteApiAsync($"/api/v1/organisation/members/{fixture.Admin.UserId}");
        Assert.Equal(HttpStatusCode.Forbidden, remove.Status);
        Assert.Contains("Only organisation admins", remove.Detail, StringComparison.Ordinal);

        // Listing is open to every member.
        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetApiAsync("/api/v1/organisation/members")).Status);
    }

    [Fact]
    public async Task RemoveMember_WithGrant_RevokesTheGrantAndOrganisationAccess()
    {
        var user = await fixture.NewMemberAsync();
        var (clusterId, _) = await fixture.NewClusterAsync();
        var grant = await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = user.Email, scope = "cluster", role = "view" });
        Assert.Equal(HttpStatusCode.Created, grant.Status);

        var removed = await fixture.Admin.Client.DeleteApiAsync($"/api/v1/organisation/members/{user.UserId}");
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.True(removed.Json!["deleted"]!.GetValue<bool>());

        var grants = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}/access/grants");
        Assert.DoesNotContain(grants.Json!["result"]!.AsArray(), g => g!["ankra_user_id"]!.GetValue<string>() == user.UserId);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.GetApiAsync($"/api/v1/clusters/{clusterId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Admin.Client.DeleteApiAsync($"/api/v1/organisation/members/{user.UserId}")).Status);
    }

    [Fact]
    public async Task RemoveMember_LastAdmin_Returns400()
    {
        var response = await fixture.Admin.Client.DeleteApiAsync($"/api/v1/organisation/members/{fixture.Admin.UserId}");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("last admin", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveMember_UnsafeUserId_Returns400()
    {
        var response = await fixture.Admin.Client.DeleteApiAsync("/api/v1/organisation/members/evil.*");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("Invalid user id", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrganisationHeader_NotAMember_Returns403()
    {
        var client = fixture.Edge.Client(fixture.Admin.Token, Guid.NewGuid().ToString("D"));
        var response = await client.GetApiAsync("/api/v1/clusters");
        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Contains("not a member of organisation", response.Detail, StringComparison.Ordinal);

        var own = fixture.Edge.Client(fixture.Admin.Token, fixture.OrganisationId);
        Assert.Equal(HttpStatusCode.OK, (await own.GetApiAsync("/api/v1/clusters")).Status);
    }
}
