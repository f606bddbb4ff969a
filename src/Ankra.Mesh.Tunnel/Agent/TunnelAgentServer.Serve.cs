using System.Diagnostics;
using System.Net;
using System.Text;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.Streams;
using Google.Protobuf;
using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Agent;

/// <summary>Steps (4)–(7) on the agent: call the API server, send the head, stream the body or run the pipe.</summary>
public sealed partial class TunnelAgentServer
{
    private async Task ServeAsync(OpenStream open, TunnelStream stream, PendingAccept? pending)
    {
        using var _ = pending;
        ActivityContext.TryParse(open.Traceparent, open.Tracestate, isRemote: true, out var parent);
        using var activity = TunnelTelemetry.ActivitySource.StartActivity("tunnel.serve", ActivityKind.Server, parent);
        activity?.SetTag("http.request.method", open.Head.Method);
        HttpResponseMessage? response = null;
        try
        {
            // (4) The request as the client sent it, rewritten by the agent (identity, credentials).
            using var request = UpstreamRequestFactory.Create(open, _settings.UpstreamBaseAddress, stream, _endpoint.Options.ChunkSize, activity);
            if (_rewriter is not null)
            {
                await _rewriter(request, open.Identity ?? new Identity(), stream.Aborted);
            }

            response = await _upstream.SendAsync(request, stream.Aborted);
            var upgraded = open.Head.Upgrade && response.StatusCode == HttpStatusCode.SwitchingProtocols;
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            if (upgraded)
            {
                // Only a 101 turns the stream into a pipe; any other answer to an upgrade stays a response.
                stream.ReopenForUpgrade();
            }

            // (5) The response head, then (6) the body or the pipe, then (7) End (with the last Data).
            var head = UpstreamRequestFactory.CreateHead(response, upgraded);
            var body = await response.Content.ReadAsStreamAsync(stream.Aborted);
            using var reader = new CoalescingReader(body, _endpoint.Options.ChunkSize, stream.Aborted);
            if (upgraded)
            {
                await SendHeadAsync(stream, pending, head);
                await RunPipeAsync(stream, body);
            }
            else if (await RespondWithAcceptAsync(stream, pending, head, reader) ?? await SendHeadAsync(stream, pending, head))
            {
                await TunnelCopy.PumpAsync(reader, stream, stream.Aborted);
            }

            FinishUnreadRequest(stream);
        }
        catch (TunnelRequestRejectedException rejected)
        {
            await RejectAsync(stream, pending, rejected);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or TunnelException or NatsException)
        {
            if (!stream.IsClosed)
            {
                TunnelLog.UpstreamFailed(_endpoint.Logger, stream.Id, e);
                await EnsureAcceptedAsync(pending);
                stream.Reset(new TunnelException(TunnelFailure.Reset, $"the API server request failed: {e.Message}", ResetReason.UpstreamError, e), ResetReason.UpstreamError);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // A request the upstream handler cannot even build (bad header value, rewriter bug): the client
            // gets a reset with the reason rather than a hang.
            TunnelLog.UpstreamFailed(_endpoint.Logger, stream.Id, e);
            await EnsureAcceptedAsync(pending);
            stream.Reset(new TunnelException(TunnelFailure.Reset, $"the agent could not send the request: {e.Message}", ResetReason.Internal, e), ResetReason.Internal);
        }
        finally
        {
            response?.Dispose();
            if (!stream.IsClosed)
            {
                await EnsureAcceptedAsync(pending);
                stream.Reset(new TunnelException(TunnelFailure.Reset, "the agent stopped serving the stream", ResetReason.Internal), ResetReason.Internal);
            }
        }
    }

    // Both directions of an upgraded connection until the API server closes and the edge ends (or a reset).
    private async Task RunPipeAsync(TunnelStream stream, Stream pipe)
    {
        await using var _ = pipe;
        var chunk = _endpoint.Options.ChunkSize;
        var fromUpstream = TunnelCopy.ToTunnelAsync(pipe, stream, chunk, stream.Aborted);
        var toUpstream = TunnelCopy.FromTunnelAsync(stream, pipe, chunk, flushEach: true, stream.Aborted);
        await Task.WhenAll(fromUpstream, toUpstream);
    }

    // The API server answered without reading the whole body (e.g. 403 to a POST): the rest is not needed.
    private static void FinishUnreadRequest(TunnelStream stream)
    {
        if (!stream.IsClosed && !stream.RemoteEnded)
        {
            stream.Reset(new TunnelException(TunnelFailure.Cancelled, "the response is complete; the rest of the request body is not needed"), ResetReason.Cancelled);
        }
    }

    // Step (5) in one message when it can be: the accept carries the head and the body bytes already here
    // (all of a small response). Null when the accept is already out (or was never held back) and the head
    // must follow as a frame; otherwise whether more of the body is to be sent.
    private async Task<bool?> RespondWithAcceptAsync(TunnelStream stream, PendingAccept? pending, ResponseHead head, CoalescingReader reader)
    {
        if (pending is null || !pending.TryClaim())
        {
            return null;
        }

        ReadBatch batch;
        try
        {
            batch = reader.ReadAvailable();
        }
        catch
        {
            // The body failed at once: the edge still needs its accept before the reset that follows.
            pending.Complete(await ReplyAsync(pending.Open, new OpenStreamReply { Accepted = pending.Accepted }));
            throw;
        }

        pending.Accepted.ResponseHead = head;
        if (!batch.Bytes.IsEmpty || batch.End)
        {
            if (!stream.TryTakeCredit(batch.Bytes.Length))
            {
                throw new TunnelException(TunnelFailure.ProtocolError, $"the edge granted a window of {pending.Accepted.InitialWindow} bytes, less than one chunk");
            }

            // The batch is sent before the reader is used again, so the bytes can be wrapped, not copied.
            pending.Accepted.Data = new Data { Payload = UnsafeByteOperations.UnsafeWrap(batch.Bytes), EndOfStream = batch.End };
        }

        var sent = await ReplyAsync(pending.Open, new OpenStreamReply { Accepted = pending.Accepted });
        pending.Complete(sent);
        if (!sent)
        {
            throw new TunnelException(TunnelFailure.Cancelled, "the open reply could not be sent");
        }

        if (batch.End)
        {
            stream.EndedWithAccept();
            return false;
        }

        return true;
    }

    // The head as the stream's first frame, once the edge has the accept. Always true (failures throw).
    private async Task<bool> SendHeadAsync(TunnelStream stream, PendingAccept? pending, ResponseHead head)
    {
        if (!await EnsureAcceptedAsync(pending))
        {
            throw new TunnelException(TunnelFailure.Cancelled, "the open reply could not be sent");
        }

        await stream.SendHeadAsync(head, stream.Aborted);
        return true;
    }

    private async Task RejectAsync(TunnelStream stream, PendingAccept? pending, TunnelRequestRejectedException rejected)
    {
        var head = new ResponseHead { StatusCode = (uint)rejected.StatusCode };
        head.Headers.Add(new Header { Name = "Content-Type", Value = rejected.ContentType });
        try
        {
            using var body = new MemoryStream(Encoding.UTF8.GetBytes(rejected.Body));
            using var reader = new CoalescingReader(body, _endpoint.Options.ChunkSize, stream.Aborted);
            if (await RespondWithAcceptAsync(stream, pending, head, reader) ?? await SendHeadAsync(stream, pending, head))
            {
                await TunnelCopy.PumpAsync(reader, stream, stream.Aborted);
            }

            FinishUnreadRequest(stream);
        }
        catch (Exception e) when (e is OperationCanceledException or TunnelException or NatsException)
        {
            // The stream ended meanwhile; the finally block of ServeAsync reclaims it.
        }
    }
}
