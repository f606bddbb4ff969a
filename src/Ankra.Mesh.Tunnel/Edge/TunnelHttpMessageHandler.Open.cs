using System.Diagnostics;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.Framing;
using Ankra.Mesh.Tunnel.Streams;
using Ankra.Mesh.Tunnel.Subjects;
using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>Opening a stream: steps (1) and (2) of the request path.</summary>
public sealed partial class TunnelHttpMessageHandler
{
    private static readonly ProtobufNatsSerializer<OpenStream> OpenSerializer = ProtobufNatsSerializer<OpenStream>.Instance;
    private static readonly ProtobufNatsSerializer<OpenStreamReply> ReplySerializer = ProtobufNatsSerializer<OpenStreamReply>.Instance;

    /// <summary>
    /// Subscribes (first use) and opens the stream, both cancelled when this edge's NATS connection drops meanwhile:
    /// the reply to an open sent before the drop went to a connection that no longer exists.
    /// </summary>
    private async Task<TunnelStream> OpenOverBusAsync(HttpRequestMessage request, TunnelTarget target, CancellationToken cancellationToken)
    {
        var lost = _bus.Lost;
        var bulkLost = _bulkBus?.Lost ?? CancellationToken.None;
        using var open = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lost, bulkLost);
        try
        {
            await EnsureStartedAsync(target).WaitAsync(open.Token);
            return await OpenAsync(request, target, Activity.Current, open.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && (lost.IsCancellationRequested || bulkLost.IsCancellationRequested))
        {
            throw BusUnavailable(target, "was lost before the agent accepted the request");
        }
    }

    private static TunnelException BusUnavailable(TunnelTarget target, string what) =>
        new(TunnelFailure.BusUnavailable, $"cluster {target.ClusterId} is unreachable: the gateway's NATS connection {what}");

    private async Task<TunnelStream> OpenAsync(HttpRequestMessage request, TunnelTarget target, Activity? activity, CancellationToken cancellationToken)
    {
        // (1) Build the head (original method, path, end-to-end headers) within the header limit.
        var options = _endpoint.Options;
        var head = RequestHeadBuilder.Build(request, options.MaxHeaderBytes, out var hasBody);
        var prefix = TunnelSubjects.ClusterPrefix(options.SubjectRoot, target.ClusterId);
        var subject = target.SessionId is null ? TunnelSubjects.SharedOpen(prefix) : TunnelSubjects.SessionOpen(prefix, target.SessionId);
        var open = new OpenStream
        {
            ReplySubject = TunnelSubjects.EdgeInbound(prefix, EdgeId),
            SessionId = target.SessionId ?? string.Empty,
            Head = head,
            InitialWindow = (uint)options.WindowSize,
            Identity = IdentityOf(request),
            RequestComplete = !hasBody,
            Traceparent = activity?.Id ?? string.Empty,
            Tracestate = activity?.TraceStateString ?? string.Empty,
        };

        // Core NATS is at-most-once: only an idempotent request whose open went unanswered is tried again,
        // and only once. A mutating request is never replayed (the agent may have started it).
        for (var attempt = 1; ; attempt++)
        {
            open.StreamId = TunnelSubjects.NewId();
            var stream = new TunnelStream(_endpoint, open.StreamId, open.ReplySubject, peerWindow: 0, requestHasNoBody: !hasBody);
            _endpoint.TryAdd(stream);
            try
            {
                var accepted = await RequestOpenAsync(subject, open, target, cancellationToken);
                if (!TunnelSubjects.IsSessionInbound(prefix, accepted.InboundSubject))
                {
                    throw new TunnelException(TunnelFailure.ProtocolError,
                        $"cluster {target.ClusterId}: the agent named '{accepted.InboundSubject}' for the request body, outside its cluster's subjects");
                }

                // With an early response the head (and maybe the whole small body) came with the accept.
                stream.Accepted(accepted);
                return stream;
            }
            catch (TunnelException e)
            {
                stream.Abort(e, ResetReason.Cancelled, "local");
                TunnelLog.OpenFailed(_endpoint.Logger, open.StreamId, subject, e.Failure);
                if (attempt > 1 || !head.Idempotent || e.InnerException is not NatsNoReplyException)
                {
                    throw;
                }

                TunnelLog.OpenRetry(_endpoint.Logger, open.StreamId);
            }
            catch
            {
                stream.Abort(new TunnelException(TunnelFailure.Cancelled, "the open was cancelled"), ResetReason.Cancelled, "local");
                throw;
            }
        }
    }

    // (2) A NATS request: an absent agent answers "no responders" at once, not after a timeout.
    private async Task<StreamAccepted> RequestOpenAsync(string subject, OpenStream open, TunnelTarget target, CancellationToken cancellationToken)
    {
        NatsMsg<OpenStreamReply> reply;
        try
        {
            reply = await _endpoint.Connection.RequestAsync(subject, open, requestSerializer: OpenSerializer, replySerializer: ReplySerializer,
                replyOpts: new NatsSubOpts { Timeout = _endpoint.Options.OpenTimeout }, cancellationToken: cancellationToken);
        }
        catch (NatsNoRespondersException e)
        {
            throw Offline(target, "no agent is connected", e);
        }
        catch (NatsNoReplyException e)
        {
            throw Offline(target, $"the agent did not answer within {_endpoint.Options.OpenTimeout.TotalSeconds:0.#} s", e);
        }
        catch (NatsException e)
        {
            throw Unreachable(target, e);
        }

        if (reply.HasNoResponders || reply.Data is null)
        {
            throw Offline(target, "no agent is connected", null);
        }

        return reply.Data.ResultCase switch
        {
            OpenStreamReply.ResultOneofCase.Accepted => reply.Data.Accepted,
            _ => throw Refused(target, reply.Data.Refused),
        };
    }

    private static TunnelException Offline(TunnelTarget target, string why, Exception? inner) =>
        new(TunnelFailure.AgentUnavailable, $"cluster {target.ClusterId} is offline: {why}", inner: inner);

    private static TunnelException Unreachable(TunnelTarget target, NatsException e) =>
        new(TunnelFailure.BusUnavailable, $"cluster {target.ClusterId} is unreachable: the gateway's NATS connection failed ({e.Message})", inner: e);

    private static TunnelException Refused(TunnelTarget target, StreamRefused refused) => refused.Reason switch
    {
        RefuseReason.StaleSession => new(TunnelFailure.StaleSession, $"cluster {target.ClusterId}: agent session {target.SessionId} was superseded; {refused.Message}"),
        RefuseReason.TooManyStreams => new(TunnelFailure.TooManyStreams, $"cluster {target.ClusterId}: {refused.Message}"),
        RefuseReason.HeadersTooLarge => new(TunnelFailure.HeadersTooLarge, $"cluster {target.ClusterId}: {refused.Message}"),
        RefuseReason.BadRequest => new(TunnelFailure.ProtocolError, $"cluster {target.ClusterId}: the agent refused the request: {refused.Message}"),
        _ => new(TunnelFailure.AgentUnavailable, $"cluster {target.ClusterId} is not taking requests: {refused.Message}"),
    };
}
