using System.Buffers;
using System.Globalization;
using System.Text;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.PortForward;

/// <summary>
/// A tiny HTTP/1.1 server: every request gets <c>200 OK</c> with a plain-text body
/// <c>kubesim {namespace}/{pod}:{port} {METHOD} {target}</c> and a newline. Keep-alive is honoured;
/// request bodies (Content-Length only) are read and discarded; a request head over 16 KiB gets 431.
/// </summary>
internal sealed class HttpPortService(StreamingPod pod, int port) : IPodPortService
{
    private const int MaxHeadLength = 16 * 1024;

    /// <inheritdoc />
    public async Task ServeAsync(Stream input, IOutputSink output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var buffered = new List<byte>();
        var buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
        try
        {
            while (true)
            {
                var headEnd = IndexOfHeadEnd(buffered);
                if (headEnd < 0)
                {
                    if (buffered.Count > MaxHeadLength)
                    {
                        await output.WriteAsync(Response(431, "Request Header Fields Too Large", "request head too large\n", close: true), cancellationToken);
                        return;
                    }

                    var read = await input.ReadAsync(buffer, cancellationToken);
                    if (read == 0)
                    {
                        return;
                    }

                    buffered.AddRange(buffer.AsSpan(0, read));
                    continue;
                }

                var head = Encoding.ASCII.GetString([.. buffered[..headEnd]]);
                buffered.RemoveRange(0, headEnd + 4);
                var lines = head.Split("\r\n");
                var requestLine = lines[0].Split(' ');
                var bodyLength = HeaderValue(lines, "content-length") is { } length && long.TryParse(length, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
                var close = string.Equals(HeaderValue(lines, "connection"), "close", StringComparison.OrdinalIgnoreCase);
                await SkipBodyAsync(input, buffered, buffer, bodyLength, cancellationToken);
                var body = requestLine.Length >= 2
                    ? $"kubesim {pod.Namespace}/{pod.Name}:{port} {requestLine[0]} {requestLine[1]}\n"
                    : "bad request\n";
                await output.WriteAsync(requestLine.Length >= 2 ? Response(200, "OK", body, close) : Response(400, "Bad Request", body, close: true), cancellationToken);
                if (close || requestLine.Length < 2)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task SkipBodyAsync(Stream input, List<byte> buffered, byte[] buffer, long remaining, CancellationToken cancellationToken)
    {
        var fromBuffer = (int)Math.Min(remaining, buffered.Count);
        buffered.RemoveRange(0, fromBuffer);
        remaining -= fromBuffer;
        while (remaining > 0)
        {
            var read = await input.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
            if (read == 0)
            {
                return;
            }

            remaining -= read;
        }
    }

    private static byte[] Response(int status, string reason, string body, bool close) => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n"
        + (close ? "Connection: close\r\n" : string.Empty) + "\r\n" + body);

    private static string? HeaderValue(string[] lines, string name)
    {
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static int IndexOfHeadEnd(List<byte> data)
    {
        for (var i = 0; i + 3 < data.Count; i++)
        {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
