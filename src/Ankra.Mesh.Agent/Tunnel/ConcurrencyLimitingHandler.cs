using System.Net.Http.Headers;
using System.Net;
using System.Threading.RateLimiting;
using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Contracts.Http;
using Ankra.Mesh.Tunnel.Agent;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Tunnel;

/// <summary>
/// Caps the proxied requests this agent sends to its API server, separately for quick requests (get, list,
/// create …) and long-lived ones (watch, logs -f, exec, attach, port-forward), so a flood of watches can
/// never starve ordinary kubectl commands. Each pool is a <see cref="ConcurrencyLimiter"/> without a queue: a
/// request over its cap is answered at once with a 429 Status — never queued, never a hang. A place is held until
/// the response (body or upgraded pipe) is disposed.
/// </summary>
internal sealed class ConcurrencyLimitingHandler : DelegatingHandler
{
    private readonly ConcurrencyLimiter _unary;
    private readonly ConcurrencyLimiter _streaming;
    private readonly AgentOptions _options;

    public ConcurrencyLimitingHandler(IOptions<AgentOptions> options)
    {
        _options = options.Value;
        _unary = Pool(_options.MaxConcurrentUnaryRequests);
        _streaming = Pool(_options.MaxConcurrentStreamingRequests);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var streaming = IsLongLived(request);
        var lease = (streaming ? _streaming : _unary).AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            return TooManyRequests(streaming, streaming ? _options.MaxConcurrentStreamingRequests : _options.MaxConcurrentUnaryRequests);
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            response.Content = new SlotReleasingContent(response.Content, lease.Dispose);
            return response;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _unary.Dispose();
            _streaming.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Watches, followed logs and upgrades (exec, attach, port-forward) stay open for minutes or hours.</summary>
    public static bool IsLongLived(HttpRequestMessage request) =>
        LongLivedRequests.Matches(request.RequestUri?.PathAndQuery ?? "", request.Headers.Upgrade.Count > 0);

    // No queue: a request over its cap is answered at once rather than waiting unseen behind other streams.
    private static ConcurrencyLimiter Pool(int permits) => new(new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 });

    private static HttpResponseMessage TooManyRequests(bool streaming, int limit)
    {
        var message = streaming
            ? $"The cluster's Ankra agent is serving its limit of {limit} long-lived requests (watch, logs -f, exec, port-forward; Mesh:Agent:MaxConcurrentStreamingRequests); close some or retry shortly."
            : $"The cluster's Ankra agent is serving its limit of {limit} requests (Mesh:Agent:MaxConcurrentUnaryRequests); retry shortly.";
        var content = new ByteArrayContent(KubeStatusBody.Serialize(429, "TooManyRequests", message));
        content.Headers.ContentType = new MediaTypeHeaderValue(KubeStatusBody.ContentType) { CharSet = "utf-8" };
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = content };
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
        return response;
    }
}
