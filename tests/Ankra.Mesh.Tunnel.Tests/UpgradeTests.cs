using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;

namespace Ankra.Mesh.Tunnel.Tests;

[Collection(TunnelCollection.Name)]
public sealed class UpgradeTests(TunnelFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task WebSocket_ThroughYarpAndTunnel_EchoesBothWays()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        await using var front = await YarpFront.StartAsync(pair);
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("v5.channel.k8s.io");

        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{front.BaseAddress.Port}/ws"), CancellationToken.None).WaitAsync(Timeout);
        var buffer = new byte[1024];
        foreach (var message in new[] { "\u0000ls -l\n", "\u0004{\"Width\":80}", new string('x', 900) })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Binary, true, CancellationToken.None).WaitAsync(Timeout);
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Timeout);
            Assert.Equal(message, Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task SpdyUpgrade_PostThroughYarp_BackendSeesPostAndPipeEchoes()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        await using var front = await YarpFront.StartAsync(pair);
        using var client = new TcpClient();
        var (stream, head) = await RawUpgradeAsync(client, front, "/spdy", "X-Stream-Protocol-Version: v4.channel.k8s.io\r\n");

        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
        Assert.Contains("X-Method: POST", head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Upgrade: SPDY/3.1", head, StringComparison.OrdinalIgnoreCase);
        var payload = new byte[200_000];
        Random.Shared.NextBytes(payload);
        var echoed = new byte[payload.Length];
        var reading = stream.ReadAtLeastAsync(echoed, echoed.Length).AsTask();
        await stream.WriteAsync(payload).AsTask().WaitAsync(Timeout);
        await reading.WaitAsync(Timeout);
        Assert.Equal(payload, echoed);

        client.Close();
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task Upgrade_BackendAnswers403_ComesBackAsNormalResponseNeverAPipe()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        using var request = pair.Request(HttpMethod.Get, "/deny-upgrade");
        request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
        request.Headers.TryAddWithoutValidation("Upgrade", "SPDY/3.1");

        using var response = await pair.SendAsync(request);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        var text = await reader.ReadToEndAsync().WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(body.CanWrite);
        Assert.Contains("upgrade forbidden", text, StringComparison.Ordinal);
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task Upgrade_Through403_YarpClientGets403Body()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        await using var front = await YarpFront.StartAsync(pair);
        using var client = new TcpClient();
        var (_, head) = await RawUpgradeAsync(client, front, "/deny-upgrade", string.Empty);

        Assert.StartsWith("HTTP/1.1 403", head, StringComparison.Ordinal);
        client.Close();
        await pair.AssertNoStreamsLeftAsync();
    }

    // What kubectl ≤ 1.29 sends for exec: a POST asking for SPDY/3.1, written on a raw connection.
    private static async Task<(NetworkStream Stream, string Head)> RawUpgradeAsync(TcpClient client, YarpFront front, string path, string extraHeaders)
    {
        await client.ConnectAsync(IPAddress.Loopback, front.BaseAddress.Port).WaitAsync(Timeout);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: cluster\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n{extraHeaders}\r\n"));
        return (stream, await ReadHeadAsync(stream).WaitAsync(Timeout));
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
