using System.Diagnostics;
using System.Net;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Framing;
using Ankra.Mesh.Tunnel.Streams;

namespace Ankra.Mesh.Tunnel.Agent;

/// <summary>Turns an accepted <see cref="OpenStream"/> into the request for the API server.</summary>
internal static class UpstreamRequestFactory
{
    public static HttpRequestMessage Create(OpenStream open, Uri baseAddress, TunnelStream stream, int chunkSize, Activity? activity)
    {
        var head = open.Head;
        // Concatenation, not new Uri(base, path): the path can never replace the API server's authority.
        var uri = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + baseAddress.AbsolutePath.TrimEnd('/') + head.PathAndQuery);
        var request = new HttpRequestMessage(new HttpMethod(head.Method), uri)
        {
            // An upgrade must be an HTTP/1.1 request (HTTP/2 would need extended CONNECT). Watches and logs -f ask
            // for HTTP/2: thousands share a few connections to the API server instead of holding a TLS connection
            // each. Quick requests stay on pooled HTTP/1.1 connections, which answer them with fewer thread hops.
            Version = LongLivedRequests.Matches(head.PathAndQuery, upgrade: false) ? HttpVersion.Version20 : HttpVersion.Version11,
            VersionPolicy = head.Upgrade ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
        };
        if (!open.RequestComplete)
        {
            request.Content = new TunnelRequestContent(stream, chunkSize);
        }
        else if (HeaderCodec.Find(head.Headers, "Content-Length") is not null || HeaderCodec.Find(head.Headers, "Content-Type") is not null)
        {
            request.Content = new ByteArrayContent([]);
        }

        HeaderCodec.CopyTo(head.Headers, request.Headers, request.Content);
        if (head.Upgrade && HeaderCodec.Find(head.Headers, "Upgrade") is { } protocol)
        {
            request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
            request.Headers.TryAddWithoutValidation("Upgrade", protocol);
        }

        // Continue the edge's trace: our span when traced, else the edge's context as received.
        var traceparent = activity?.Id ?? open.Traceparent;
        if (!string.IsNullOrEmpty(traceparent))
        {
            request.Headers.TryAddWithoutValidation("traceparent", traceparent);
            var tracestate = activity?.TraceStateString ?? open.Tracestate;
            if (!string.IsNullOrEmpty(tracestate))
            {
                request.Headers.TryAddWithoutValidation("tracestate", tracestate);
            }
        }

        return request;
    }

    /// <summary>The response head sent back to the edge.</summary>
    public static ResponseHead CreateHead(HttpResponseMessage response, bool upgraded)
    {
        var head = new ResponseHead { StatusCode = (uint)response.StatusCode };
        HeaderCodec.Append(head.Headers, response.Headers);
        HeaderCodec.Append(head.Headers, response.Content.Headers);
        if (upgraded && response.Headers.Upgrade.Count > 0)
        {
            head.Headers.Add(new Header { Name = "Upgrade", Value = response.Headers.Upgrade.ToString() });
        }

        return head;
    }
}
