using System.Globalization;
using System.Text;
using Ankra.Mesh.KubeSim.Streaming.Spdy;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.KubeSim.Streaming.PortForward;

/// <summary>
/// Port-forward over SPDY/3.1 (<c>portforward.k8s.io</c>), directly or tunnelled in WebSocket messages.
/// For each local connection kubectl opens an <c>error</c> stream and a <c>data</c> stream carrying the
/// same <c>port</c> and <c>requestID</c> headers; once both exist the pod port's service runs on the data
/// stream. When the service is done both streams are half-closed (kubectl waits for the error stream's
/// end); a port nothing listens on gets a message on the error stream instead.
/// </summary>
internal sealed class SpdyPortForwardSession(StreamingPod pod, ILogger logger)
{
    private readonly Dictionary<string, (SpdyStream? Data, SpdyStream? Error)> _pending = new(StringComparer.Ordinal);
    private readonly List<Task> _forwards = [];

    /// <summary>Serves the connection until kubectl closes it; returns a short outcome for the log.</summary>
    public async Task<string> RunAsync(Stream transport, CancellationToken cancellationToken = default)
    {
        using var connection = new SpdyConnection(transport, logger);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task[] forwards;
        try
        {
            await connection.RunAsync(stream => Pair(stream, session.Token), session.Token);
        }
        finally
        {
            // Whatever ended the connection, no forward outlives it.
            await session.CancelAsync();
            lock (_forwards)
            {
                forwards = [.. _forwards];
            }

            await Task.WhenAll(forwards);
        }

        return $"{forwards.Length} connection(s) forwarded";
    }

    private void Pair(SpdyStream stream, CancellationToken cancellationToken)
    {
        // kubectl always sends requestID; without it (protocol v1 clients) fall back to the port.
        var key = stream.Headers.GetValueOrDefault("requestid") ?? stream.Headers.GetValueOrDefault("port", string.Empty);
        lock (_forwards)
        {
            var (data, error) = _pending.GetValueOrDefault(key);
            if (string.Equals(stream.StreamType, "data", StringComparison.OrdinalIgnoreCase))
            {
                data = stream;
            }
            else if (string.Equals(stream.StreamType, "error", StringComparison.OrdinalIgnoreCase))
            {
                error = stream;
            }
            else
            {
                stream.AbandonInput(); // not a port-forward stream: ignore whatever it carries
                return;
            }

            if (data is null || error is null)
            {
                _pending[key] = (data, error);
                return;
            }

            _pending.Remove(key);
            _forwards.RemoveAll(task => task.IsCompleted);
            _forwards.Add(Task.Run(() => ForwardAsync(data, error, cancellationToken), CancellationToken.None));
        }
    }

    private async Task ForwardAsync(SpdyStream data, SpdyStream error, CancellationToken cancellationToken)
    {
        using var forward = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, data.Aborted);
        try
        {
            error.AbandonInput(); // kubectl half-closes its side of the error stream at once
            var port = int.TryParse(data.Headers.GetValueOrDefault("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
            var service = PodPortServices.Resolve(pod, port);
            if (service is null)
            {
                await error.WriteAsync(Encoding.UTF8.GetBytes(PodPortServices.Refused(pod, port)), forward.Token);
            }
            else
            {
                await service.ServeAsync(data.Input, data, forward.Token);
            }

            data.AbandonInput();
            await data.CloseAsync(forward.Token);
            await error.CloseAsync(forward.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client reset the stream or went away: nothing left to tell it.
        }
    }
}
