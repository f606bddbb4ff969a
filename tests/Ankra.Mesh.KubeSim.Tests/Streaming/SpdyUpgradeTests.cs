using System.Net.Sockets;
using System.Text;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>The SPDY upgrade at the byte level, with a raw TCP client (what proxies in between see).</summary>
[Collection(StreamingCollection.Name)]
public sealed class SpdyUpgradeTests(InterimStreamingHost host)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("POST", "Content-Length: 0\r\n")]
    [InlineData("GET", "")]
    public async Task Upgrade_ThenPing_PingIsEchoed(string method, string extraHeaders)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port).WaitAsync(Timeout);
        var stream = client.GetStream();
        var request = $"{method} /api/v1/namespaces/default/pods/web/portforward HTTP/1.1\r\nHost: {host.BaseAddress.Authority}\r\n"
            + $"Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n{extraHeaders}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request)).AsTask().WaitAsync(Timeout);

        var head = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
        Assert.Contains("X-Stream-Protocol-Version: portforward.k8s.io", head, StringComparison.OrdinalIgnoreCase);

        // PING, version 3, id 1 (odd: client-initiated, so the server must echo it).
        byte[] ping = [0x80, 0x03, 0x00, 0x06, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01];
        await stream.WriteAsync(ping).AsTask().WaitAsync(Timeout);
        var echoed = new byte[ping.Length];
        await stream.ReadExactlyAsync(echoed).AsTask().WaitAsync(Timeout);
        Assert.Equal(ping, echoed);
    }

    [Fact]
    public async Task Upgrade_UnknownProtocolVersion_Returns403WithAcceptedVersions()
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/pods/web/exec?command=true&stdout=true");
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.ParseAdd("SPDY/3.1");
        request.Headers.Add("X-Stream-Protocol-Version", "v1.channel.k8s.io");

        using var response = await http.SendAsync(request).WaitAsync(Timeout);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("v4.channel.k8s.io", response.Headers.GetValues("X-Accepted-Stream-Protocol-Versions"));
        Assert.Contains("unable to negotiate protocol", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_WithoutUpgrade_Returns400Status()
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync(new Uri("/api/v1/namespaces/default/pods/web/exec?command=true&stdout=true", UriKind.Relative)).WaitAsync(Timeout);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"kind\":\"Status\"", body, StringComparison.Ordinal);
        Assert.Contains("Upgrade request required", body, StringComparison.Ordinal);
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            await stream.ReadExactlyAsync(one).AsTask().WaitAsync(Timeout);
            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
