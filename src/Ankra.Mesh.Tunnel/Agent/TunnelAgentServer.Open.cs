using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.Framing;
using Ankra.Mesh.Tunnel.Streams;
using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Agent;

/// <summary>Step (3) of the request path: validate an OpenStream, refuse or accept it.</summary>
public sealed partial class TunnelAgentServer
{
    private static readonly ProtobufNatsSerializer<OpenStreamReply> ReplySerializer = ProtobufNatsSerializer<OpenStreamReply>.Instance;

    private async Task ServeOpensAsync(INatsSub<OpenStream> subscription)
    {
        await using var sub = subscription;
        try
        {
            await foreach (var msg in sub.Msgs.ReadAllAsync(_stopping.Token))
            {
                if (msg.Data is { } open && !string.IsNullOrEmpty(msg.ReplyTo))
                {
                    await AcceptAsync(msg, open);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is NatsException or InvalidOperationException)
        {
            TunnelLog.LoopFailed(_endpoint.Logger, sub.Subject, e);
        }
    }

    private async Task AcceptAsync(NatsMsg<OpenStream> msg, OpenStream open)
    {
        var refusal = Check(open);
        if (refusal is not null)
        {
            TunnelLog.StreamRefused(_endpoint.Logger, open.StreamId, refusal.Reason, refusal.Message);
            await ReplyAsync(msg, new OpenStreamReply { Refused = refusal });
            return;
        }

        var inbound = _settings.InboundSubject;
        var stream = new TunnelStream(_endpoint, open.StreamId, inbound, open.InitialWindow, requestHasNoBody: open.RequestComplete)
        {
            PeerSubject = open.ReplySubject,
        };
        if (!_endpoint.TryAdd(stream))
        {
            stream.Abort(new TunnelException(TunnelFailure.ProtocolError, "duplicate stream id"), ResetReason.ProtocolError, "local");
            await ReplyAsync(msg, new OpenStreamReply { Refused = new StreamRefused { Reason = RefuseReason.BadRequest, Message = "duplicate stream id" } });
            return;
        }

        // The reply goes out before any frame of the stream (same connection, so NATS keeps the order).
        var accepted = new StreamAccepted { InboundSubject = inbound, InitialWindow = (uint)stream.ReceiveWindow, ReplicaId = _settings.ReplicaId };
        var wait = _endpoint.Options.EarlyResponseWait;
        if (open.RequestComplete && !open.Head.Upgrade && wait > TimeSpan.Zero)
        {
            // No body to wait for: the accept may wait briefly for the response head and carry it.
            var pending = new PendingAccept(msg, accepted);
            pending.SendPlainAfter(wait, SendPlainAcceptAsync);
            _ = Task.Run(() => ServeAsync(open, stream, pending));
            return;
        }

        if (!await ReplyAsync(msg, new OpenStreamReply { Accepted = accepted }))
        {
            stream.Abort(new TunnelException(TunnelFailure.Cancelled, "the open reply could not be sent"), ResetReason.Cancelled, "local");
            return;
        }

        _ = Task.Run(() => ServeAsync(open, stream, pending: null));
    }

    // The plain accept (no head yet), unless the response path already sent the accept with its head.
    private async Task SendPlainAcceptAsync(PendingAccept pending)
    {
        if (pending.TryClaim())
        {
            pending.Complete(await ReplyAsync(pending.Open, new OpenStreamReply { Accepted = pending.Accepted }));
        }
    }

    // Before a frame of the stream may go out, the edge must have its accept.
    private async Task<bool> EnsureAcceptedAsync(PendingAccept? pending)
    {
        if (pending is null)
        {
            return true;
        }

        await SendPlainAcceptAsync(pending);
        return await pending.Sent;
    }

    private StreamRefused? Check(OpenStream open)
    {
        var options = _endpoint.Options;
        if (_draining)
        {
            return Refuse(RefuseReason.Draining, "the agent is shutting down; retry");
        }

        // A superseded session's server is disposed by the agent (its subscriptions end with it), so this only refuses
        // an open that names another session than the one this server serves — malformed input, never served.
        if (open.SessionId.Length > 0 && !string.Equals(open.SessionId, _settings.SessionId, StringComparison.Ordinal))
        {
            return Refuse(RefuseReason.StaleSession, $"this agent serves session {_settings.SessionId}, not {open.SessionId}");
        }

        if (!SubjectToken.IsValid(open.StreamId) || open.Head is null
            || MeshSubjects.EdgeOf(_settings.SubjectPrefix, open.ReplySubject) is null)
        {
            return Refuse(RefuseReason.BadRequest, "malformed open (stream id, reply subject or head)");
        }

        if (!open.Head.PathAndQuery.StartsWith('/') || string.IsNullOrEmpty(open.Head.Method))
        {
            return Refuse(RefuseReason.BadRequest, $"the request path '{open.Head.PathAndQuery}' must start with '/'");
        }

        var headBytes = open.Head.Method.Length + open.Head.PathAndQuery.Length + HeaderCodec.SizeOf(open.Head.Headers);
        if (headBytes > options.MaxHeaderBytes)
        {
            return Refuse(RefuseReason.HeadersTooLarge, $"the request head is {headBytes} bytes; the limit is {options.MaxHeaderBytes} (Mesh:Tunnel:MaxHeaderBytes)");
        }

        return _endpoint.Count >= options.MaxConcurrentStreamsPerSession
            ? Refuse(RefuseReason.TooManyStreams, $"the agent serves {options.MaxConcurrentStreamsPerSession} streams already (Mesh:Tunnel:MaxConcurrentStreamsPerSession); retry later")
            : null;
    }

    private static StreamRefused Refuse(RefuseReason reason, string message) => new() { Reason = reason, Message = message };

    private async Task<bool> ReplyAsync(NatsMsg<OpenStream> msg, OpenStreamReply reply)
    {
        try
        {
            await msg.ReplyAsync(reply, serializer: ReplySerializer, cancellationToken: _stopping.Token);
            return true;
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException or ObjectDisposedException)
        {
            // ObjectDisposedException: a held-back accept whose timer fired after the server was disposed.
            return false;
        }
    }
}
