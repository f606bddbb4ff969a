using System.Diagnostics;
using Ankra.Mesh.Contracts.Http;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Edge.Access;
using Ankra.Mesh.Edge.Audit;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Edge.KubeTokens;
using Ankra.Mesh.Grains;
using Ankra.Mesh.Tunnel;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// Where a kubectl request enters: <c>/api/v1/clusters/{cluster_id}/k8s/…</c>. The numbered steps match
/// "The request path" in the README; steps 6–10 continue in the tunnel and the agent.
/// </summary>
internal sealed partial class KubeProxyHandler(
    KubeTokenValidator tokens,
    AccessDecisionCache decisions,
    KubeProxyForwarder forwarder,
    LiveRequestRegistry live,
    KubeProxyLimits limits,
    GatewayAuditor auditor,
    IOptions<EdgeOptions> edgeOptions,
    IOptions<KubeProxyOptions> proxyOptions,
    KubeProxyMetrics metrics,
    ILogger<KubeProxyHandler> logger)
{
    private const string ProxyPrefixEnd = "/k8s";

    public async Task HandleAsync(HttpContext context, string clusterId)
    {
        if (!edgeOptions.Value.AccessGatewayEnabled)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // Every request, refused or forwarded, becomes one audit event when this method returns (Audit/AuditScope.cs).
        using var audit = auditor.Begin(context, clusterId);

        // Step 1: authenticate — the kube token is verified locally (signature, expiry, audience = this cluster).
        var bearer = BearerToken.From(context.Request.Headers.Authorization);
        if (bearer is null)
        {
            await KubeStatus.WriteAsync(context, 401, "Unauthorized",
                "No Ankra kube token was presented; use a kubeconfig written by `ankra cluster kubeconfig add`.");
            return;
        }

        var token = await tokens.ValidateAsync(bearer, clusterId, context.RequestAborted);
        if (!token.IsValid)
        {
            await KubeStatus.WriteAsync(context, 401, "Unauthorized", token.Message);
            return;
        }

        audit.UserId = token.UserId;

        // Step 2: authorize — the cluster grain's decision (briefly cached, dropped on access-changed events). The
        // cluster's epoch is noted first: step 5 re-checks if the cluster's access changed after this point.
        var epoch = decisions.Epoch(clusterId);
        var decision = await AuthorizeAsync(context, clusterId, token, fresh: false);
        if (decision is null)
        {
            return;
        }

        // Step 3: request hygiene — no client-chosen identity, no cross-site WebSocket, bounded body.
        if (context.Request.Headers.Keys.FirstOrDefault(IdentityHeaders.IsImpersonation) is { } impersonation)
        {
            await KubeStatus.WriteAsync(context, 403, "Forbidden",
                $"Impersonation ({impersonation}, e.g. kubectl --as) is not available through Ankra: requests run as you, with your grant's permissions.");
            return;
        }

        if (IsCrossSiteUpgrade(context.Request))
        {
            await KubeStatus.WriteAsync(context, 403, "Forbidden",
                $"WebSocket upgrades from origin {context.Request.Headers.Origin} are not allowed; add it to Mesh:KubeProxy:AllowedWebSocketOrigins if it is yours.");
            return;
        }

        if (context.Request.ContentLength > proxyOptions.Value.MaxRequestBodyBytes)
        {
            await KubeStatus.WriteAsync(context, 413, "RequestEntityTooLarge",
                $"The request body is larger than the gateway's limit of {proxyOptions.Value.MaxRequestBodyBytes} bytes.");
            return;
        }

        // Step 4: concurrency caps per user and per cluster on this edge, quick and long-lived requests in separate pools.
        using var admission = limits.TryAcquire(clusterId, token.UserId!, KubeProxyLimits.IsLongLived(context));
        if (admission.Refusal is { } refusal)
        {
            await KubeStatus.WriteAsync(context, 429, "TooManyRequests", refusal, TimeSpan.FromSeconds(1));
            return;
        }

        // Step 5: forward through the tunnel as the granted user; live requests are tracked so revocation can cut them.
        // Register first, then re-check: a revocation whose re-check of live requests ran before this registration
        // has moved the epoch, so a decision fetched before it is not trusted; one that runs later sees this request.
        using var registration = live.Register(clusterId, token.UserId!, token.Generation, context);
        if (decisions.Epoch(clusterId) != epoch)
        {
            KubeProxyLog.RecheckedAtStart(logger, clusterId, token.UserId!);
            decision = await AuthorizeAsync(context, clusterId, token, fresh: true);
            if (decision is null)
            {
                return;
            }
        }

        var requestId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        context.Response.Headers["X-Ankra-Request-Id"] = requestId;
        context.Items[KubeProxyRequest.ItemKey] = new KubeProxyRequest(clusterId, UpstreamPathAndQuery(context.Request, clusterId),
            new Identity
            {
                User = decision.KubernetesUser, Uid = decision.KubernetesUid, OrganisationId = decision.OrganisationId,
                GrantId = decision.GrantId ?? "", RequestId = requestId,
            }, decision.SessionIds);
        var failure = await forwarder.ForwardAsync(context);
        if (failure is not null)
        {
            await WriteTunnelFailureAsync(context, clusterId, decision, failure);
        }
    }

    /// <summary>
    /// The grain's decision (cached unless <paramref name="fresh"/>), or null once a refusal was written: a denial, or
    /// a 503 naming the control plane when no silo answers — at once, and without Retry-After, which would make
    /// client-go retry silently instead of telling the user.
    /// </summary>
    private async Task<AccessDecision?> AuthorizeAsync(HttpContext context, string clusterId, KubeTokenValidation token, bool fresh)
    {
        AccessDecision decision;
        try
        {
            decision = fresh
                ? await decisions.GetFreshAsync(clusterId, token.UserId!, token.Generation, context.RequestAborted)
                : await decisions.GetAsync(clusterId, token.UserId!, token.Generation, context.RequestAborted);
        }
        catch (Exception exception) when (UnavailableHandler.IsUnavailability(exception))
        {
            KubeProxyLog.ControlPlaneUnavailable(logger, clusterId, exception);
            await KubeStatus.WriteAsync(context, 503, "ServiceUnavailable",
                $"Access to cluster {clusterId} cannot be checked right now: the gateway's control plane (the silos that hold grants) is unreachable from this edge. Retry in a few seconds.");
            return null;
        }

        if (!decision.Allowed)
        {
            await WriteDenialAsync(context, clusterId, decision);
            return null;
        }

        return decision;
    }

    private Task WriteDenialAsync(HttpContext context, string clusterId, AccessDecision decision) => decision.Reason switch
    {
        AccessDenialReason.ClusterNotFound => KubeStatus.WriteAsync(context, 404, "NotFound", $"Cluster {clusterId} was not found."),
        AccessDenialReason.TokenRevoked => KubeStatus.WriteAsync(context, 401, "Unauthorized",
            "Your kube token was revoked (all access to this cluster was reset). Once you hold a grant again, run `ankra cluster kube-token --cluster <cluster> --refresh`."),
        AccessDenialReason.Sandbox => KubeStatus.WriteAsync(context, 403, "Forbidden", "Sandbox clusters do not support kubectl access."),
        _ => KubeStatus.WriteAsync(context, 403, "Forbidden",
            "You do not have access to this cluster. Ask an organisation admin for a grant: ankra cluster access grant <your email> --cluster <cluster> --role view"),
    };

    private Task WriteTunnelFailureAsync(HttpContext context, string clusterId, AccessDecision decision, Exception failure)
    {
        KubeProxyLog.ForwardFailed(logger, clusterId, failure);
        if (failure is not TunnelException tunnel)
        {
            return KubeStatus.WriteAsync(context, 502, "BadGateway", $"The request to cluster {clusterId} failed: {failure.Message}");
        }

        if (tunnel.Failure is TunnelFailure.AgentUnavailable or TunnelFailure.StaleSession)
        {
            metrics.Offline(clusterId);
        }

        return tunnel.Failure switch
        {
            TunnelFailure.AgentUnavailable or TunnelFailure.StaleSession => KubeStatus.WriteAsync(context, 503, "ServiceUnavailable",
                // No Retry-After: client-go would silently retry every request for up to ten rounds instead of telling the user.
                $"Cluster {clusterId} is offline: no Ankra agent is connected{LastSeen(decision)}. Check the agent in the cluster's `ankra` namespace."),
            TunnelFailure.BusUnavailable => KubeStatus.WriteAsync(context, 503, "ServiceUnavailable",
                $"Cluster {clusterId} cannot be reached right now: the gateway's message bus (NATS) is unreachable from this edge. " +
                "The edge reconnects by itself and reports itself not ready meanwhile, so the load balancer moves you to another edge; retry in a few seconds."),
            TunnelFailure.TooManyStreams => KubeStatus.WriteAsync(context, 429, "TooManyRequests", tunnel.Message, TimeSpan.FromSeconds(1)),
            TunnelFailure.HeadersTooLarge => KubeStatus.WriteAsync(context, 431, "RequestHeaderFieldsTooLarge", tunnel.Message),
            TunnelFailure.Cancelled => Task.CompletedTask,
            _ => KubeStatus.WriteAsync(context, 502, "BadGateway",
                $"The connection to cluster {clusterId}'s agent was lost mid-request ({tunnel.Message}); retry the command."),
        };
    }

    private static string LastSeen(AccessDecision decision) =>
        decision.LastSeenAt is { } seen ? $"; last seen {seen.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : "; it has never connected";

    private bool IsCrossSiteUpgrade(HttpRequest request)
    {
        if (!request.Headers.Upgrade.Any(value => value?.Contains("websocket", StringComparison.OrdinalIgnoreCase) == true)
            || !request.Headers.TryGetValue("Origin", out var origin) || string.IsNullOrEmpty(origin))
        {
            return false;
        }

        return !proxyOptions.Value.AllowedWebSocketOrigins.Contains(origin.ToString(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The path and query after <c>/api/v1/clusters/{id}/k8s</c>, as the API server must see them.</summary>
    private static string UpstreamPathAndQuery(HttpRequest request, string clusterId)
    {
        var full = request.Path.ToUriComponent();
        var prefix = $"/api/v1/clusters/{clusterId}{ProxyPrefixEnd}";
        var rest = full.Length > prefix.Length ? full[prefix.Length..] : "/";
        return (rest.Length == 0 ? "/" : rest) + request.QueryString.ToUriComponent();
    }
}
