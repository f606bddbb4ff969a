using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Microsoft.Playwright;

namespace Ankra.Mesh.Portal.Tests;

/// <summary><c>ankra login</c> in the browser: the CLI prints the address, a person signs in and approves, the CLI saves a token.</summary>
public sealed class CliLoginTests(PortalStackFixture fixture) : IClassFixture<PortalStackFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task Login_ApprovedInBrowser_SavesNamedTokenAndKubectlWorks_LogoutRevokesIt()
    {
        var grantId = await GrantAsync("bob@demo.local", "view", "demo");
        await _stack.WaitForGrantReconciledAsync(grantId);
        var config = Path.Combine(fixture.Directory, "bob.yaml");

        // 1. The "machine": ankra login prints where to approve (no browser on this one).
        await using var login = StartAnkra(config, "login", "--no-browser", "--base-url", _stack.EdgeUrl, "--certificate-authority", _stack.Certificates.CaPath);
        var line = await login.WaitForLineAsync(l => l.Contains("/portal/cli-login?state=", StringComparison.Ordinal), Deadline);
        var authUrl = line.Trim();

        // 2. The person: signs in through SSO on that page and approves.
        await using var browser = await PortalSession.SignInAsync(fixture.Browser, _stack, "bob@demo.local", authUrl, backAt: "**/portal/cli-login**");
        await Assertions.Expect(browser.Page.Locator("#machine-name")).ToHaveTextAsync(Environment.MachineName);
        await browser.Page.ClickAsync("#approve");
        await Assertions.Expect(browser.Page.Locator("h1")).ToHaveTextAsync("Sign-in approved");

        // 3. The CLI collects the token and saves it.
        await login.WaitForLineAsync(l => l == "Login successful", Deadline);
        Assert.Equal(0, await login.Exited.WaitAsync(Deadline));
        var saved = await File.ReadAllTextAsync(config);
        Assert.Contains("token: ank_", saved, StringComparison.Ordinal);
        Assert.Contains($"token_name: ankra-cli-", saved, StringComparison.Ordinal);
        Assert.Contains("-bob", saved, StringComparison.Ordinal);
        Assert.Contains(login.RecentOutput.Split('\n'), l => l.StartsWith("Token expires: ", StringComparison.Ordinal));

        // 4. The saved login is enough for a kubeconfig entry, and kubectl works with it.
        var kubeconfig = Path.Combine(fixture.Directory, "bob-kubeconfig");
        var added = await RunAnkraAsync(config, "cluster", "kubeconfig", "add", _stack.ClusterId, "--kubeconfig", kubeconfig,
            "--use", "--exec-command", MeshBinaries.Ankra, "--namespace", "demo");
        Assert.True(added.ExitCode == 0, added.ToString());
        var pods = await CommandRunner.RunAsync(KubectlBinary.PathFor("1.33"), ["--kubeconfig", kubeconfig, "get", "pods"], _stack.Environment(), timeout: Deadline);
        Assert.True(pods.ExitCode == 0, pods.ToString());
        Assert.Contains("web-0", pods.StandardOutput);

        // 5. Logout revokes the token on the server.
        var token = saved.Split('\n').Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..].Trim();
        Assert.Equal(0, (await RunAnkraAsync(config, "logout")).ExitCode);
        using var client = _stack.EdgeClient(token);
        using var me = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Login_NobodyApproves_TicketExpires_ClearErrorAndExitCode6()
    {
        var config = Path.Combine(fixture.Directory, "expired.yaml");
        await using var login = StartAnkra(config, "login", "--no-browser", "--base-url", _stack.EdgeUrl, "--certificate-authority", _stack.Certificates.CaPath);

        var exitCode = await login.Exited.WaitAsync(PortalStackFixture.TicketLifetime + Deadline);

        Assert.Equal(6, exitCode);
        Assert.Contains("expired", login.RecentOutput, StringComparison.Ordinal);
        Assert.Contains("run `ankra login` again", login.RecentOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(config));
    }

    [Fact]
    public async Task Poll_WrongVerifier_Refused403_AndTheTicketIsCancelled()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        using var client = _stack.EdgeClient();
        client.DefaultRequestHeaders.Authorization = null;
        var start = JsonNode.Parse(await client.GetStringAsync(new Uri(
            $"/api/v1/cli/login/init?code_challenge={Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))}&machine_name=test", UriKind.Relative)))!;
        var ticket = start["ticket"]!.GetValue<string>();

        using var waiting = await PollAsync(client, ticket, verifier);
        using var wrong = await PollAsync(client, ticket, Base64Url(RandomNumberGenerator.GetBytes(32)));
        using var afterwards = await PollAsync(client, ticket, verifier);

        Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
        Assert.Equal("awaiting_approval", JsonNode.Parse(await waiting.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains("code verifier does not match", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, afterwards.StatusCode);
    }

    private static Task<HttpResponseMessage> PollAsync(HttpClient client, string ticket, string verifier) =>
        client.PostAsJsonAsync(new Uri("/api/v1/cli/login/poll", UriKind.Relative), new JsonObject { ["ticket"] = ticket, ["code_verifier"] = verifier });

    private async Task<string> GrantAsync(string email, string role, string ns)
    {
        using var client = _stack.EdgeClient();
        using var response = await client.PostAsJsonAsync(new Uri($"/api/v1/clusters/{_stack.ClusterId}/access/grants", UriKind.Relative),
            new JsonObject { ["user_email"] = email, ["scope"] = "namespace", ["namespace"] = ns, ["role"] = role });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["grant"]!["id"]!.GetValue<string>();
    }

    private ChildProcess StartAnkra(string config, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(MeshBinaries.Ankra) { WorkingDirectory = fixture.Directory };
        foreach (var argument in (string[])["--config", config, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _stack.Environment())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return ChildProcess.Start($"ankra {arguments[0]}", startInfo);
    }

    private Task<ProcessResult> RunAnkraAsync(string config, params string[] arguments) =>
        CommandRunner.RunAsync(MeshBinaries.Ankra, ["--config", config, .. arguments], _stack.Environment(), timeout: Deadline);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
