using System.Net.Sockets;
using System.Text;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>
/// <c>kubectl port-forward</c> with a real TCP client through the forwarded local ports: WebSocket
/// (<c>SPDY/3.1+portforward.k8s.io</c>) on 1.33, SPDY on 1.27 and on 1.33 when forced.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class PortForwardTests(InterimStreamingHost host)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("1.33", false)]
    [InlineData("1.30", false)]
    [InlineData("1.27", false)]
    [InlineData("1.33", true)]
    public async Task PortForward_EchoAndHttpPorts_AnswerThroughLocalPorts(string version, bool forceSpdy)
    {
        using var kubectl = new Kubectl(version, host.BaseAddress);
        var echoPort = FreePort.Next();
        var httpPort = FreePort.Next();
        Dictionary<string, string> environment = forceSpdy ? new() { ["KUBECTL_PORT_FORWARD_WEBSOCKETS"] = "false" } : [];
        await using var forward = await kubectl.StartPortForwardAsync([(echoPort, PodPorts.Echo), (httpPort, PodPorts.Http)], environment);

        // Two connections one after another on the echo port, then two HTTP requests on one keep-alive connection.
        Assert.Equal("ping one\n", await EchoAsync(echoPort, "ping one\n"));
        var large = new string('z', 200_000) + "\n";
        Assert.Equal(large, await EchoAsync(echoPort, large));
        var responses = await HttpAsync(httpPort, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /bye HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        Assert.Contains("HTTP/1.1 200 OK", responses, StringComparison.Ordinal);
        Assert.Contains($"kubesim default/web:{PodPorts.Http} GET /hello\n", responses, StringComparison.Ordinal);
        Assert.Contains($"kubesim default/web:{PodPorts.Http} GET /bye\n", responses, StringComparison.Ordinal);
        Assert.True(forward.IsRunning, forward.RecentOutput);
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public async Task PortForward_UndeclaredPort_ConnectionClosedAndKubectlReportsRefusal(string version)
    {
        using var kubectl = new Kubectl(version, host.BaseAddress);
        var localPort = FreePort.Next();
        await using var forward = kubectl.StartWithStderrFile(["port-forward", "--address=127.0.0.1", "pod/web", $"{localPort}:9999"], out var stderrPath);
        await forward.WaitForLineAsync(line => line.Contains($":{localPort} -> 9999", StringComparison.Ordinal), Timeout);

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", localPort).WaitAsync(Timeout);
        var buffer = new byte[16];
        var read = await client.GetStream().ReadAsync(buffer).AsTask().WaitAsync(Timeout);
        // Like against a real cluster, kubectl drops the connection after an error stream message.
        var exitCode = await forward.Exited.WaitAsync(Timeout);

        Assert.Equal(0, read);
        Assert.Equal(1, exitCode);
        var stderr = await File.ReadAllTextAsync(stderrPath);
        Assert.Contains($"an error occurred forwarding {localPort} -> 9999: error forwarding port 9999 to pod default/web", stderr, StringComparison.Ordinal);
        Assert.Contains("connect: connection refused", stderr, StringComparison.Ordinal);
    }

    private static async Task<string> EchoAsync(int port, string text)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port).WaitAsync(Timeout);
        var stream = client.GetStream();
        var sent = Encoding.UTF8.GetBytes(text);
        var writing = stream.WriteAsync(sent).AsTask();
        var received = new byte[sent.Length];
        await stream.ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);
        await writing.WaitAsync(Timeout);
        client.Client.Shutdown(SocketShutdown.Send);
        return Encoding.UTF8.GetString(received);
    }

    private static async Task<string> HttpAsync(int port, string requests)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port).WaitAsync(Timeout);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(requests)).AsTask().WaitAsync(Timeout);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // The second request asks to close, so the server ends the connection after answering both.
        return await reader.ReadToEndAsync().WaitAsync(Timeout);
    }
}
