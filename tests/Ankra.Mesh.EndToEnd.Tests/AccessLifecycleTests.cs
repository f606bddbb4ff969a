using System.Diagnostics;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests;

/// <summary>
/// Grants decide what kubectl can do: revocation cuts live streams, narrower grants are enforced by the
/// cluster's own RBAC, and a grant works once the agent has applied it. One stack, used in order.
/// </summary>
public sealed class AccessLifecycleTests(StackFixture fixture, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task Grants_RevokeDuringStreams_ThenViewInOneNamespace_EnforcedAtEveryStep()
    {
        // 1. The creator's cluster-admin grant: a watch and an exec are running.
        await using var watch = _stack.StartKubectl("1.33", "get", "pods", "-w");
        await watch.WaitForLineAsync(line => line.StartsWith("web-0", StringComparison.Ordinal), Timeout);
        await using var exec = _stack.StartKubectl("1.33", "exec", "web-0", "--", "sh", "-c", "echo started; sleep 600");
        await exec.WaitForLineAsync(line => line == "started", Timeout);

        // 2. Revoke it: both streams end promptly and the next command is refused.
        var grantId = (await GrantsAsync()).Single()!["id"]!.GetValue<string>();
        var clock = Stopwatch.StartNew();
        await RequireAsync(_stack.AnkraAsync("cluster", "access", "revoke", grantId, "--cluster", _stack.ClusterId));
        await Task.WhenAll(watch.Exited, exec.Exited).WaitAsync(TimeSpan.FromSeconds(30));
        var cutAfter = clock.Elapsed;
        output.WriteLine($"live watch and exec ended {cutAfter.TotalMilliseconds:0} ms after `ankra cluster access revoke` returned");
        var refused = await _stack.KubectlAsync("1.33", "get", "pods");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("You do not have access to this cluster", refused.StandardError);

        // The agent hears the change and removes the binding from the cluster too.
        await _stack.WaitForBindingRemovedAsync(grantId);
        Assert.Empty(await _stack.OwnedBindingsAsync());

        // 3. A view grant in namespace demo: refused by the cluster's RBAC while pending, then it works.
        var grant = JsonNode.Parse((await RequireAsync(_stack.AnkraAsync("cluster", "access", "grant", "admin@demo.local",
            "--cluster", _stack.ClusterId, "--role", "view", "--namespace", "demo", "-o", "json"))).StandardOutput)!;
        var whilePending = await _stack.KubectlAsync("1.33", "get", "pods", "-n", "demo");
        if (await StatusOfAsync(grant["id"]!.GetValue<string>()) == "pending")
        {
            Assert.Equal(1, whilePending.ExitCode);
            Assert.Contains("Forbidden", whilePending.StandardError);
        }

        await _stack.WaitForGrantReconciledAsync(grant["id"]!.GetValue<string>());
        var listed = await _stack.KubectlAsync("1.33", "get", "pods", "-n", "demo");
        var deleting = await _stack.KubectlAsync("1.33", "delete", "pod", "worker", "-n", "demo");
        var otherNamespace = await _stack.KubectlAsync("1.33", "get", "pods", "-n", "default");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains("web-0", listed.StandardOutput);
        Assert.Equal(1, deleting.ExitCode);
        Assert.Contains("Error from server (Forbidden)", deleting.StandardError);
        Assert.Contains("cannot delete resource \"pods\"", deleting.StandardError);
        Assert.Equal(1, otherNamespace.ExitCode);
        Assert.Contains("cannot list resource \"pods\" in API group \"\" in the namespace \"default\"", otherNamespace.StandardError);
    }

    private async Task<JsonArray> GrantsAsync() =>
        JsonNode.Parse((await RequireAsync(_stack.AnkraAsync("cluster", "access", "list", "--cluster", _stack.ClusterId, "-o", "json"))).StandardOutput)!.AsArray();

    private async Task<string?> StatusOfAsync(string grantId) =>
        (await GrantsAsync()).FirstOrDefault(g => g?["id"]?.GetValue<string>() == grantId)?["reconcile_status"]?.GetValue<string>();

    private static async Task<Testing.ProcessResult> RequireAsync(Task<Testing.ProcessResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
