using System.Diagnostics;
using System.Net.WebSockets;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// A minimal <c>v5.channel.k8s.io</c> exec client, as kubectl ≥ 1.30 speaks it: every WebSocket message starts
/// with its channel byte (0 stdin, 1 stdout, 2 stderr, 3 status, 255 close a channel).
/// </summary>
internal static class ExecChannelClient
{
    public const string Protocol = "v5.channel.k8s.io";
    private const byte Stdin = 0;
    private const byte Stdout = 1;
    private const byte Status = 3;
    private const byte CloseChannel = 255;
    private const string Pod = "api/v1/namespaces/demo/pods/web-0/exec";

    /// <summary>Runs <c>bytes N</c> and counts stdout bytes; returns MB/s (10^6 bytes) or throws if bytes are missing.</summary>
    public static async Task<double> BytesAsync(ChainPath path, long count, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        using var socket = await path.ConnectWebSocketAsync($"{Pod}?command=bytes&command={count}&stdout=true", Protocol, cancellationToken);
        var buffer = new byte[256 * 1024];
        long received = 0;
        var first = true;
        byte channel = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            var offset = 0;
            if (first)
            {
                channel = result.Count > 0 ? buffer[0] : (byte)0;
                offset = 1;
            }

            if (channel == Stdout)
            {
                received += result.Count - offset;
            }

            first = result.EndOfMessage;
            if (channel == Status && result.EndOfMessage)
            {
                break;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await CloseQuietlyAsync(socket);
        return received == count ? count / 1e6 / seconds : throw new InvalidOperationException($"exec bytes: received {received} of {count}");
    }

    /// <summary>Runs <c>cat</c> with stdin; sends one byte at a time and times until it comes back on stdout (ms each).</summary>
    public static async Task<List<double>> EchoAsync(ChainPath path, int iterations, CancellationToken cancellationToken = default)
    {
        using var socket = await path.ConnectWebSocketAsync($"{Pod}?command=cat&stdin=true&stdout=true", Protocol, cancellationToken);
        var latencies = new List<double>(iterations);
        var frame = new byte[2];
        var buffer = new byte[4096];
        for (var i = 0; i < iterations; i++)
        {
            frame[0] = Stdin;
            frame[1] = (byte)('a' + (i % 26));
            var start = Stopwatch.GetTimestamp();
            await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
            // cat may answer the byte in one stdout message; anything else (an empty keep-alive) is skipped.
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException($"exec cat closed after {i} echoes");
                }

                if (result.Count >= 2 && buffer[0] == Stdout && buffer[result.Count - 1] == frame[1])
                {
                    break;
                }
            }

            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        // v5: half-close stdin so cat ends and the server sends its status.
        await socket.SendAsync(new byte[] { CloseChannel, Stdin }, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        await CloseQuietlyAsync(socket);
        return latencies;
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
    }
}
