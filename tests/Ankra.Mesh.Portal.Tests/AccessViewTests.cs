using System.Net;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Microsoft.Playwright;

namespace Ankra.Mesh.Portal.Tests;

/// <summary>The portal's Access view in a real browser: an admin grants, a member downloads a kubeconfig that real kubectl uses.</summary>
public sealed class AccessViewTests(PortalStackFixture fixture) : IClassFixture<PortalStackFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task AdminGrantsViewInDemo_StatusTurnsAppliedWithoutReload_MemberKubeconfigListsDemoAndIsForbiddenElsewhere()
    {
        // 1. The admin signs in through the identity provider and opens the cluster's Access view.
        await using var admin = await PortalSession.SignInAsync(fixture.Browser, _stack, "admin@demo.local");
        await admin.Page.ClickAsync("#clusters a:text-is('demo')");
        await Assertions.Expect(admin.Page.Locator("#members")).ToContainTextAsync("alice@demo.local");

        // 2. Grant alice view in namespace demo through the form.
        await admin.Page.SelectOptionAsync("#grant-member", "alice@demo.local");
        await admin.Page.SelectOptionAsync("#grant-role", "view");
        await admin.Page.SelectOptionAsync("#grant-scope", "namespace");
        await admin.Page.FillAsync("#grant-namespace", "demo");
        await admin.Page.ClickAsync("#grant-submit");
        var status = admin.Page.Locator("#grants tr:has-text('alice@demo.local') .status");
        await Assertions.Expect(status).ToHaveCountAsync(1);

        // 3. The status turns applied in place: the page is never reloaded (a reload would drop this marker).
        await admin.Page.EvaluateAsync("() => { window.__sameDocument = true; }");
        await Assertions.Expect(status).ToHaveTextAsync("applied", new() { Timeout = (float)Deadline.TotalMilliseconds });
        Assert.True(await admin.Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the Access view reloaded instead of refreshing in place");

        // 4. Alice signs in, sees that she has access and downloads the kubeconfig.
        await using var alice = await PortalSession.SignInAsync(fixture.Browser, _stack, "alice@demo.local");
        await alice.Page.ClickAsync("#clusters a:text-is('demo')");
        await Assertions.Expect(alice.Page.Locator("#access-state")).ToHaveTextAsync("You have access to this cluster.");
        await Assertions.Expect(alice.Page.Locator("#grant-form")).ToHaveCountAsync(0);
        var download = await alice.Page.RunAndWaitForDownloadAsync(() => alice.Page.ClickAsync("#download-kubeconfig"));
        Assert.Equal("ankra-demo.yaml", download.SuggestedFilename);
        var kubeconfig = Path.Combine(fixture.Directory, "alice-ankra-demo.yaml");
        await download.SaveAsAsync(kubeconfig);

        // 5. Real kubectl with that file: pods in demo, Forbidden in default.
        var inDemo = await KubectlAsync(kubeconfig, "get", "pods", "-n", "demo");
        var inDefault = await KubectlAsync(kubeconfig, "get", "pods", "-n", "default");

        Assert.True(inDemo.ExitCode == 0, inDemo.ToString());
        Assert.Contains("web-0", inDemo.StandardOutput);
        Assert.Equal(1, inDefault.ExitCode);
        Assert.Contains("Forbidden", inDefault.StandardError);
    }

    [Fact]
    public async Task Member_AdminPagesAndEndpoints_Refused403WithTheReason()
    {
        await using var bob = await PortalSession.SignInAsync(fixture.Browser, _stack, "bob@demo.local");

        var page = await bob.Page.GotoAsync($"{_stack.PortalUrl}/clusters/{_stack.ClusterId}/revoke-all");
        var grant = await bob.FetchStatusAsync("POST", $"/api/v1/org/clusters/{_stack.ClusterId}/access/grants",
            """{"user_email":"bob@demo.local","scope":"cluster","role":"cluster-admin"}""");
        var revokeAll = await bob.FetchStatusAsync("POST", $"/api/v1/org/clusters/{_stack.ClusterId}/access/revoke-all");

        Assert.Equal(403, page!.Status);
        await Assertions.Expect(bob.Page.Locator(".problem")).ToContainTextAsync("Only admins of this organisation");
        Assert.Equal(403, grant);
        Assert.Equal(403, revokeAll);
    }

    [Fact]
    public async Task PersonOfNoOrganisation_ClusterPageAndApi_404()
    {
        await using var carol = await PortalSession.SignInAsync(fixture.Browser, _stack, "carol@elsewhere.local");
        await Assertions.Expect(carol.Page.Locator("#not-a-member")).ToContainTextAsync("not a member of any organisation");

        var page = await carol.Page.GotoAsync($"{_stack.PortalUrl}/clusters/{_stack.ClusterId}");
        var capabilities = await carol.FetchStatusAsync("GET", $"/api/v1/org/clusters/{_stack.ClusterId}/access/capabilities");

        Assert.Equal(404, page!.Status);
        await Assertions.Expect(carol.Page.Locator(".problem")).ToContainTextAsync("no such cluster");
        Assert.Equal(404, capabilities);
    }

    [Fact]
    public async Task PortalApiWrite_WithoutCsrfHeader_403_WithIt_Succeeds()
    {
        await using var admin = await PortalSession.SignInAsync(fixture.Browser, _stack, "admin@demo.local");
        var path = $"/api/v1/org/clusters/{_stack.ClusterId}/access/grants";
        const string body = """{"user_email":"bob@demo.local","scope":"namespace","namespace":"csrf-test","role":"view"}""";

        var without = await admin.FetchStatusAsync("POST", path, body, withCsrfHeader: false);
        var with = await admin.FetchStatusAsync("POST", path, body, withCsrfHeader: true);

        Assert.Equal(403, without);
        Assert.Equal(201, with);
    }

    [Fact]
    public async Task Credentials_NeverCross_SessionCookieOnTokenApi401_BearerOnPortalApi401()
    {
        await using var admin = await PortalSession.SignInAsync(fixture.Browser, _stack, "admin@demo.local");
        var cookies = await admin.Context.CookiesAsync();
        var cookieHeader = string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}"));
        Assert.Contains(cookies, c => c.Name == "ankra.session" && c.HttpOnly && c.Secure && c.SameSite == SameSiteAttribute.Lax);

        using var withCookie = _stack.EdgeClient();
        withCookie.DefaultRequestHeaders.Authorization = null;
        withCookie.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        using var tokenApi = await withCookie.GetAsync(new Uri($"/api/v1/clusters/{_stack.ClusterId}/access/grants", UriKind.Relative));
        using var portalApiByCookie = await withCookie.GetAsync(new Uri($"/api/v1/org/clusters/{_stack.ClusterId}/access/grants", UriKind.Relative));

        using var withBearer = _stack.EdgeClient();
        using var portalApi = await withBearer.GetAsync(new Uri($"/api/v1/org/clusters/{_stack.ClusterId}/access/grants", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, tokenApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, portalApiByCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, portalApi.StatusCode);
        Assert.Contains("browser session", JsonNode.Parse(await portalApi.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private Task<ProcessResult> KubectlAsync(string kubeconfig, params string[] arguments) =>
        CommandRunner.RunAsync(KubectlBinary.PathFor("1.33"),
            ["--kubeconfig", kubeconfig, "--certificate-authority", _stack.Certificates.CaPath, .. arguments],
            _stack.Environment(), timeout: TimeSpan.FromSeconds(60));
}
