using System.Net;
using Ankra.Mesh.Demo.Stack;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.Bus;

/// <summary>
/// An agent that reaches NATS over wss renews its short-lived NATS credential while kubectl keeps working:
/// no request fails, and a watch opened before a renewal still delivers events after it.
/// </summary>
public sealed class AgentCredentialRenewalTests(RenewingBusFixture fixture, ITestOutputHelper output) : IClassFixture<RenewingBusFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task CredentialRenewedTwice_NoKubectlRequestFails_AndAWatchSurvivesTheRenewal()
    {
        using var kube = _stack.MeshKubeClient(await _stack.KubeTokenAsync(), HttpVersion.Version20);
        using var watch = await kube.GetAsync(new Uri("api/v1/namespaces/demo/configmaps?watch=1&timeoutSeconds=120&fieldSelector=metadata.name=after-renewal", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        using var events = new StreamReader(await watch.Content.ReadAsStreamAsync());
        var renewalsAtStart = Renewals();
        var requests = 0;
        var failures = new List<string>();
        using var timeout = new CancellationTokenSource(Deadline);

        await KubectlUntilAsync(renewalsAtStart + 1);
        // The watch was opened on the connection of the previous credential, which now only finishes its streams
        // (until shortly before that credential expires, half a lifetime from now); it still delivers events.
        var created = await _stack.KubectlAsync("1.33", ["create", "configmap", "after-renewal", "--from-literal=k=v"], null);
        Assert.True(created.ExitCode == 0, created.ToString());
        var line = await events.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(line);
        Assert.Contains("\"ADDED\"", line, StringComparison.Ordinal);
        Assert.Contains("after-renewal", line, StringComparison.Ordinal);

        await KubectlUntilAsync(renewalsAtStart + 2);
        output.WriteLine($"{requests} kubectl requests across 2 credential renewals, {failures.Count} failed");
        Assert.Empty(failures);

        async Task KubectlUntilAsync(int renewals)
        {
            while (Renewals() < renewals)
            {
                Assert.False(timeout.IsCancellationRequested, $"the agent renewed {Renewals() - renewalsAtStart} time(s) within {Deadline}; agent output:\n{_stack.Agent!.RecentOutput}");
                var result = await _stack.KubectlAsync("1.33", "get", "configmap", "settings", "-o", "jsonpath={.data.greeting}");
                requests++;
                if (result.ExitCode != 0 || result.StandardOutput != "hello")
                {
                    failures.Add(result.ToString());
                }
            }
        }
    }

    private int Renewals() =>
        File.Exists(_stack.AgentLogFile) ? File.ReadLines(_stack.AgentLogFile).Count(l => l.Contains("NATS credential of session", StringComparison.Ordinal)) : 0;
}
