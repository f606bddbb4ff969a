using System.Net.Http.Headers;
using System.Text;

namespace Ankra.Mesh.KubeSim.Tests.Kubectl;

/// <summary>kubectl get -w and logs -f: long-running streams that must show changes as they happen.</summary>
public sealed class KubectlStreamTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task GetWatch_ChangeByAnotherClient_PrintsUpdatedRow(string version)
    {
        var name = $"watched-{version.Replace(".", "", StringComparison.Ordinal)}";
        cluster.Server.Seed(KubectlReadTests.Pod(name, "default"));
        // A list watch (not "get pod NAME -w"): kubectl starts it from the list's resourceVersion, so a change made
        // right after the first row is printed is replayed even if the watch request comes later. A single-object
        // watch starts at resourceVersion 0 and kubectl suppresses its first event, which could be that very change.
        await using var watch = cluster.Start(version, ["get", "pods", "--field-selector", $"metadata.name={name}", "-w", "--show-labels"]);
        await watch.WaitForLineAsync(l => l.StartsWith(name, StringComparison.Ordinal), StreamTimeout);

        using var client = AdminClient();
        using var patch = new StringContent("""{"metadata":{"labels":{"changed":"yes"}}}""", Encoding.UTF8, "application/merge-patch+json");
        var response = await client.PatchAsync($"api/v1/namespaces/default/pods/{name}", patch).WaitAsync(StreamTimeout);
        response.EnsureSuccessStatusCode();

        var updated = await watch.WaitForLineAsync(l => l.Contains("changed=yes", StringComparison.Ordinal), StreamTimeout);
        Assert.Matches($@"^{name}\s+1/1\s+Running\s+0\s+\S+\s+changed=yes$", updated);
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task LogsFollow_FastPod_StreamsDeterministicLinesAsWritten(string version)
    {
        var name = $"chatty-{version.Replace(".", "", StringComparison.Ordinal)}";
        cluster.Server.Seed("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"NAME","namespace":"default",
              "annotations":{"kubesim.ankra.io/log-lines-per-second":"20","kubesim.ankra.io/log-line-bytes":"64"}},
             "spec":{"containers":[{"name":"app","image":"app:1"}]}}
            """.Replace("NAME", name, StringComparison.Ordinal));
        await using var logs = cluster.Start(version, ["logs", "-f", name]);

        // Line 30 is written 1.5 s after the pod started: only a following stream can show it.
        var line = await logs.WaitForLineAsync(l => l.Contains(" line 00000030 ", StringComparison.Ordinal), StreamTimeout);

        Assert.Equal(63, line.Length);
        Assert.StartsWith($"{name} app line 00000030 ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_TailAndTimestamps_ReturnsLastLinesWithTimes()
    {
        cluster.Server.Seed("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"tailed","namespace":"default",
              "annotations":{"kubesim.ankra.io/log-lines-per-second":"1000"}},
             "spec":{"containers":[{"name":"first","image":"a"},{"name":"second","image":"b"}]}}
            """);

        var tail = (await cluster.RunAsync(KubectlVersions.Newest, ["logs", "tailed", "-c", "second", "--tail=3", "--timestamps"])).Succeeded();
        using var client = AdminClient();
        var noContainer = await client.GetAsync("api/v1/namespaces/default/pods/tailed/log").WaitAsync(StreamTimeout);

        Assert.Equal(3, tail.Lines.Length);
        Assert.All(tail.Lines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z tailed second line \d{8} [a-z]+$", l));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, noContainer.StatusCode);
        Assert.Contains("a container name must be specified for pod tailed, choose one of: [first second]", await noContainer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpClient AdminClient()
    {
        var client = new HttpClient { BaseAddress = cluster.Server.HttpUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", KubectlCluster.AdminToken);
        return client;
    }
}
