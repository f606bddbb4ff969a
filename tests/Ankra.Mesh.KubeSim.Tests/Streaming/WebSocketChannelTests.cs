using System.Net.WebSockets;
using System.Text;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>
/// The <c>v5.channel.k8s.io</c> protocol at the message level with .NET's WebSocket client, for what
/// kubectl cannot show without a terminal: resize (tty) and the v5 close-channel signal.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class WebSocketChannelTests(InterimStreamingHost host)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ExecV5_ResizeThenStdinClosed_CommandSeesSizeAndEndOfInput()
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("v5.channel.k8s.io");
        var uri = new Uri($"ws://{host.BaseAddress.Authority}/api/v1/namespaces/default/pods/web/exec"
            + "?command=sh&command=-c&command=cat%3B%20stty%20size&stdin=true&stdout=true&tty=true");
        await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal("v5.channel.k8s.io", socket.SubProtocol);

        await SendAsync(socket, 4, """{"Width":132,"Height":43}""");
        await SendAsync(socket, 0, "typed\n");
        await socket.SendAsync(new byte[] { 255, 0 }, WebSocketMessageType.Binary, true, CancellationToken.None).WaitAsync(Timeout);
        var (stdout, status) = await ReceiveUntilCloseAsync(socket);

        Assert.Equal("typed\n43 132\n", stdout);
        Assert.Contains("\"status\":\"Success\"", status, StringComparison.Ordinal);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task Exec_NoSupportedSubProtocol_Returns400InsteadOfUpgrading()
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("base64.channel.k8s.io");
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new Uri($"ws://{host.BaseAddress.Authority}/api/v1/namespaces/default/pods/web/exec?command=true&stdout=true");

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, socket.HttpStatusCode);
    }

    private static Task SendAsync(ClientWebSocket socket, byte channel, string text) =>
        socket.SendAsync((byte[])[channel, .. Encoding.UTF8.GetBytes(text)], WebSocketMessageType.Binary, true, CancellationToken.None).WaitAsync(Timeout);

    private static async Task<(string Stdout, string Status)> ReceiveUntilCloseAsync(ClientWebSocket socket)
    {
        var stdout = new StringBuilder();
        var status = new StringBuilder();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Timeout);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (stdout.ToString(), status.ToString());
            }

            // The commands here answer in small messages, each received whole.
            var text = Encoding.UTF8.GetString(buffer, 1, result.Count - 1);
            (buffer[0] == 3 ? status : stdout).Append(text);
        }
    }
}
