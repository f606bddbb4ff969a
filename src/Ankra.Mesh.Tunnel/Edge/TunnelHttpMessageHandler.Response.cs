using System.Net;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Framing;
using Ankra.Mesh.Tunnel.Streams;

namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>The edge's half of steps (5)–(7): upload the body, map the response head and stream the body.</summary>
public sealed partial class TunnelHttpMessageHandler
{
    private async Task<HttpResponseMessage> ReceiveResponseAsync(HttpRequestMessage request, TunnelStream stream, CancellationToken cancellationToken)
    {
        // The body goes up while we wait for the head: the API server may answer before reading it all.
        if (request.Content is { } content && !stream.LocalEnded)
        {
            _ = UploadAsync(content, stream);
        }

        ResponseHead head;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stream.Aborted);
            head = await stream.ReadHeadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && stream.Failure is { } failure)
        {
            throw failure;
        }
        catch (OperationCanceledException)
        {
            stream.Reset(new TunnelException(TunnelFailure.Cancelled, "the client cancelled the request"), ResetReason.Cancelled);
            throw;
        }

        var upgraded = head.StatusCode == (uint)HttpStatusCode.SwitchingProtocols;
        if (upgraded)
        {
            stream.ReopenForUpgrade();
        }

        var response = new HttpResponseMessage((HttpStatusCode)head.StatusCode)
        {
            RequestMessage = request,
            Version = HttpVersion.Version11,
            Content = new TunnelResponseContent(stream, duplex: upgraded),
        };
        HeaderCodec.CopyTo(head.Headers, response.Headers, response.Content);
        if (upgraded)
        {
            // The client needs these to complete its side of the upgrade.
            response.Headers.TryAddWithoutValidation("Connection", "Upgrade");
            if (HeaderCodec.Find(head.Headers, "Upgrade") is { } protocol)
            {
                response.Headers.TryAddWithoutValidation("Upgrade", protocol);
            }
        }

        return response;
    }

    private static async Task UploadAsync(HttpContent content, TunnelStream stream)
    {
        try
        {
            using var body = new TunnelBodyStream(stream, canRead: false, canWrite: true);
            await content.CopyToAsync(body, stream.Aborted);
            await stream.EndAsync(stream.Aborted);
        }
        catch (Exception e) when (e is OperationCanceledException or TunnelException)
        {
            // The stream ended (response done, reset, timeout); its own path reports why.
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException)
        {
            stream.Reset(new TunnelException(TunnelFailure.Cancelled, $"reading the request body failed: {e.Message}", inner: e), ResetReason.Cancelled);
        }
    }
}
