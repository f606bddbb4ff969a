using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.Framing;
using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>The endpoint's two loops: frame dispatch and keepalive/idle sweep.</summary>
internal sealed partial class TunnelEndpoint
{
    private async Task DispatchAsync(INatsSub<TunnelFrame> subscription, Func<NatsMsg<TunnelFrame>, TunnelStream, bool, bool>? accept, bool bulkLane)
    {
        await using var sub = subscription;
        try
        {
            await foreach (var msg in sub.Msgs.ReadAllAsync(_stopping.Token))
            {
                if (msg.Error is { } error)
                {
                    TunnelLog.BadMessage(Logger, msg.Subject, error);
                    continue;
                }

                if (msg.Data is not { } frame)
                {
                    continue;
                }

                if (TryGet(frame.StreamId, out var stream) && (accept is null || accept(msg, stream, bulkLane)))
                {
                    stream.OnFrame(frame, bulkLane);
                }
                else if (frame.KindCase != TunnelFrame.KindOneofCase.Reset && !string.IsNullOrEmpty(msg.ReplyTo) && !RecentlyClosed(frame.StreamId))
                {
                    // Reconciliation: the sender holds a stream we no longer know; let it free the state now
                    // instead of after its idle timeout.
                    _ = ReplyUnknownAsync(msg.ReplyTo, frame.StreamId);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is NatsException or InvalidOperationException)
        {
            TunnelLog.LoopFailed(Logger, sub.Subject, e);
        }
    }

    private async Task ReplyUnknownAsync(string subject, string streamId)
    {
        try
        {
            var reset = new TunnelFrame { StreamId = streamId, Reset = new Reset { Reason = ResetReason.UnknownStream, Message = "no such stream" } };
            await Connection.PublishAsync(subject, reset, serializer: ProtobufNatsSerializer<TunnelFrame>.Instance, cancellationToken: _stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or NatsException)
        {
            // Best effort: the peer's idle timeout reclaims the stream anyway.
        }
    }

    private async Task SweepAsync()
    {
        var keepalive = (long)Options.KeepaliveInterval.TotalMilliseconds;
        var idle = (long)Options.IdleTimeout.TotalMilliseconds;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(50, keepalive / 2)));
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                var now = Environment.TickCount64;
                _recentlyClosed.Prune();
                foreach (var stream in _streams.Values)
                {
                    var silent = now - stream.LastReceived;
                    if (silent >= idle)
                    {
                        stream.Reset(new TunnelException(TunnelFailure.PeerLost,
                            $"the {(Side == TunnelSide.Edge ? "agent" : "edge")} sent nothing for {silent} ms (idle timeout {idle} ms); it is gone or unreachable",
                            ResetReason.IdleTimeout), ResetReason.IdleTimeout);
                    }
                    else if (silent >= keepalive && now - stream.LastPingSent >= keepalive)
                    {
                        stream.LastPingSent = now;
                        _ = stream.PingAsync();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
