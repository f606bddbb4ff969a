using System.Net.Sockets;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests;

/// <summary>What a kubectl user does, over HTTPS through edge → NATS → agent → KubeSim, as the impersonated grant holder.</summary>
public sealed partial class KubectlThroughTunnelTests(StackFixture fixture, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly MeshStack _stack = fixture.Stack;

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task Get_Pods_PrintsTheTableKubectlShows(string version)
    {
        var result = await _stack.KubectlAsync(version, "get", "pods");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(lines, line => line.StartsWith("web-0 ", StringComparison.Ordinal) && line.Contains("Running", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task ApplyThenDelete_ConfigMap_CreatedReadBackAndGone(string version)
    {
        var name = $"applied-{version.Replace(".", "-", StringComparison.Ordinal)}";
        var manifest = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  greeting: hello\n";

        var applied = await _stack.KubectlAsync(version, ["apply", "-f", "-"], manifest);
        var read = await _stack.KubectlAsync(version, "get", "configmap", name, "-o", "jsonpath={.data.greeting}");
        var deleted = await _stack.KubectlAsync(version, "delete", "configmap", name);
        var gone = await _stack.KubectlAsync(version, "get", "configmap", name);

        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains($"configmap/{name} created", applied.StandardOutput);
        Assert.Equal("hello", read.StandardOutput);
        Assert.Contains($"configmap \"{name}\" deleted", deleted.StandardOutput);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("NotFound", gone.StandardError);
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task ExecInteractive_Stdin_EchoedBackAndRemoteExitCodeReturned(string version)
    {
        var echoed = await _stack.KubectlAsync(version, ["exec", "-i", "web-0", "--", "cat"], "hello through the tunnel\n");
        var failed = await _stack.KubectlAsync(version, "exec", "web-0", "--", "sh", "-c", "exit 3");

        Assert.True(echoed.ExitCode == 0, echoed.ToString());
        Assert.Equal("hello through the tunnel\n", echoed.StandardOutput);
        Assert.Equal(3, failed.ExitCode);
    }

    [Fact]
    public async Task Exec_ForcedToSpdy_Works()
    {
        var result = await _stack.KubectlAsync("1.33", ["exec", "-i", "web-0", "--", "cat"], "over spdy\n",
            new Dictionary<string, string?> { ["KUBECTL_REMOTE_COMMAND_WEBSOCKETS"] = "false" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("over spdy\n", result.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task LogsFollow_RunningPod_StreamsNewLines(string version)
    {
        await using var logs = _stack.StartKubectl(version, "logs", "-f", "--tail=1", "web-1");

        // The generator writes a numbered line every half second: a later line proves the stream is live.
        var first = await logs.WaitForLineAsync(line => line.StartsWith("web-1 web line ", StringComparison.Ordinal), Timeout);
        var firstNumber = int.Parse(first.Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture);
        await logs.WaitForLineAsync(line => line.StartsWith($"web-1 web line {firstNumber + 2:D8}", StringComparison.Ordinal), Timeout);
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task GetWatch_ConcurrentLabelChange_SeenByTheWatcher(string version)
    {
        await using var watch = _stack.StartKubectl(version, "get", "pods", "-w", "-l", "app=worker", "--output-watch-events");
        await watch.WaitForLineAsync(line => line.Contains("ADDED", StringComparison.Ordinal) && line.Contains("worker", StringComparison.Ordinal), Timeout);

        var labelled = await _stack.KubectlAsync(version, "label", "pod", "worker", $"seen-by=v{version.Replace(".", "-", StringComparison.Ordinal)}", "--overwrite");

        Assert.True(labelled.ExitCode == 0, labelled.ToString());
        await watch.WaitForLineAsync(line => line.Contains("MODIFIED", StringComparison.Ordinal) && line.Contains("worker", StringComparison.Ordinal), Timeout);
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task PortForward_TcpClient_ReachesThePodsHttpPort(string version)
    {
        var localPort = FreePort.Next();
        await using var forward = _stack.StartKubectl(version, "port-forward", "pod/web-0", $"{localPort}:8080");
        await forward.WaitForLineAsync(line => line.Contains($"Forwarding from 127.0.0.1:{localPort}", StringComparison.Ordinal), Timeout);

        using var client = new HttpClient { Timeout = Timeout };
        var body = await client.GetStringAsync(new Uri($"http://127.0.0.1:{localPort}/through-the-tunnel"));

        Assert.Equal("kubesim demo/web-0:8080 GET /through-the-tunnel", body.Trim());
    }

    [Fact]
    public async Task PortForward_EchoPort_CarriesRawTcpBothWays()
    {
        var localPort = FreePort.Next();
        await using var forward = _stack.StartKubectl("1.33", "port-forward", "pod/web-0", $"{localPort}:9000");
        await forward.WaitForLineAsync(line => line.Contains($"Forwarding from 127.0.0.1:{localPort}", StringComparison.Ordinal), Timeout);

        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", localPort).WaitAsync(Timeout);
        var stream = tcp.GetStream();
        var payload = System.Security.Cryptography.RandomNumberGenerator.GetBytes(256 * 1024);
        var send = stream.WriteAsync(payload).AsTask();
        var received = new byte[payload.Length];
        await stream.ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);
        await send.WaitAsync(Timeout);

        Assert.Equal(payload, received);
    }
}
