using System.Net;
using System.Text;
using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Tunnel.Agent;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Tunnel;

/// <summary>
/// Caps the proxied requests this agent sends to its API server, separately for quick requests (get, list,
/// create …) and long-lived ones (watch, logs -f, exec, attach, port-forward), so a flood of watches can
/// never starve ordinary kubectl commands. A request over its cap is answered at once with a 429 Status —
/// never queued, never a hang. A slot is held until the response (body or upgraded pipe) is disposed.
/// </summary>
internal sealed class ConcurrencyLimitingHandler(IOptions<AgentOptions> options) : DelegatingHandler
{
    private int _unary;
    private int _streaming;

    public int InFlightUnary => Volatile.Read(ref _unary);

    public int InFlightStreaming => Volatile.Read(ref _streaming);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var streaming = IsLongLived(request);
        var limit = streaming ? options.Value.MaxConcurrentStreamingRequests : options.Value.MaxConcurrentUnaryRequests;
        if (Interlocked.Increment(ref Counter(streaming)) > limit)
        {
            Interlocked.Decrement(ref Counter(streaming));
            return TooManyRequests(streaming, limit);
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            response.Content = new SlotReleasingContent(response.Content, () => Interlocked.Decrement(ref Counter(streaming)));
            return response;
        }
        catch
        {
            Interlocked.Decrement(ref Counter(streaming));
            throw;
        }
    }

    /// <summary>Watches, followed logs and upgrades (exec, attach, port-forward) stay open for minutes or hours.</summary>
    public static bool IsLongLived(HttpRequestMessage request) =>
        LongLivedRequests.Matches(request.RequestUri?.PathAndQuery ?? "", request.Headers.Upgrade.Count > 0);

    private ref int Counter(bool streaming) => ref streaming ? ref _streaming : ref _unary;

    private static HttpResponseMessage TooManyRequests(bool streaming, int limit)
    {
        var message = streaming
            ? $"The cluster's Ankra agent is serving its limit of {limit} long-lived requests (watch, logs -f, exec, port-forward; Mesh:Agent:MaxConcurrentStreamingRequests); close some or retry shortly."
            : $"The cluster's Ankra agent is serving its limit of {limit} requests (Mesh:Agent:MaxConcurrentUnaryRequests); retry shortly.";
        var body = $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":{{System.Text.Json.JsonSerializer.Serialize(message)}},"reason":"TooManyRequests","code":429}""";
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
        return response;
    }
}
