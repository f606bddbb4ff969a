using System.Net;
using Ankra.Mesh.Edge.Tests.Fixtures;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>An edge without <c>Mesh:Sso</c>: the portal and the CLI's browser login say so, and token auth works unchanged.</summary>
[Collection(EdgeCollection.Name)]
public sealed class SsoNotConfiguredTests(EmbeddedEdgeFixture fixture)
{
    [Fact]
    public async Task CliLoginInit_NoSso_404SayingHowToLogInInstead()
    {
        var response = await fixture.Edge.Client().GetApiAsync("/api/v1/cli/login/init?code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&machine_name=laptop");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Contains("no single sign-on configured", response.Detail, StringComparison.Ordinal);
        Assert.Contains("ankra login --token", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_NoSso_SaysSignInIsNotConfigured_TokenApiStillWorks()
    {
        using var client = fixture.Edge.Client();
        var portal = await client.GetStringAsync(new Uri("/portal", UriKind.Relative));
        var me = await fixture.Admin.Client.GetApiAsync("/api/v1/me");

        Assert.Contains("Single sign-on is not configured", portal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, me.Status);
    }

    [Fact]
    public async Task PortalApi_BearerToken_401_NeverActsOnIt()
    {
        var (clusterId, _) = await fixture.NewClusterAsync();

        var response = await fixture.Admin.Client.GetApiAsync($"/api/v1/org/clusters/{clusterId}/access/grants");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Contains("browser session", response.Detail, StringComparison.Ordinal);
    }
}
