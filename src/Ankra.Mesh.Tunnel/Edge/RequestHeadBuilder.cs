using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Framing;

namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>Turns the proxied <see cref="HttpRequestMessage"/> into the <see cref="RequestHead"/> the agent executes.</summary>
internal static class RequestHeadBuilder
{
    public static RequestHead Build(HttpRequestMessage request, int maxHeaderBytes, out bool hasBody)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("the proxied request has no URI");
        var method = request.Options.TryGetValue(TunnelRequestOptions.OriginalMethod, out var original) && !string.IsNullOrEmpty(original)
            ? original.ToUpperInvariant()
            : request.Method.Method;
        var upgrade = IsUpgrade(request);
        var head = new RequestHead
        {
            Method = method,
            PathAndQuery = uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString,
            Upgrade = upgrade,
            Idempotent = !upgrade && method is "GET" or "HEAD",
        };
        var size = method.Length + head.PathAndQuery.Length;
        size += HeaderCodec.Append(head.Headers, request.Headers);
        size += HeaderCodec.Append(head.Headers, request.Content?.Headers);
        if (upgrade && request.Headers.Upgrade.Count > 0)
        {
            // The one hop-by-hop header that must cross: it names the protocol the agent asks the API server for.
            var value = request.Headers.Upgrade.ToString();
            head.Headers.Add(new Header { Name = "Upgrade", Value = value });
            size += value.Length + 11;
        }

        if (size > maxHeaderBytes)
        {
            throw new TunnelException(TunnelFailure.HeadersTooLarge,
                $"the request head is {size} bytes; the tunnel accepts at most {maxHeaderBytes} (Mesh:Tunnel:MaxHeaderBytes)");
        }

        // An upgrade carries no body before the 101; YARP's content for it (if any) is empty.
        hasBody = !upgrade && request.Content is not null && request.Content.Headers.ContentLength != 0;
        return head;
    }

    // YARP forwards an HTTP/1.1 upgrade with its Upgrade header; that header alone marks it.
    private static bool IsUpgrade(HttpRequestMessage request) => request.Headers.Upgrade.Count > 0;
}
