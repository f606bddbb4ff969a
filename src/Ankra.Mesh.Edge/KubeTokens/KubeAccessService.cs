using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.KubeTokens;

/// <summary>
/// Minting for REST (<c>k8s-token</c>, <c>kubeconfig</c>) and gRPC <c>TokenService</c>: gateway
/// enabled, cluster in the caller's organisation, not a sandbox, a grant, then the per-user limit.
/// </summary>
internal sealed class KubeAccessService(
    IGrainFactory grains,
    ClusterLookup clusters,
    KubeTokenIssuer issuer,
    IOptions<EdgeOptions> options,
    EdgeMetrics metrics,
    ILogger<KubeAccessService> logger)
{
    public async Task<ApiOutcome<MintedKubeToken>> MintAsync(Caller caller, string clusterId, string kubeServer)
    {
        if (!options.Value.AccessGatewayEnabled)
        {
            return ApiFailure.NotFound("Not found");
        }

        var found = await clusters.FindAsync(caller, clusterId);
        if (found.Failure is not null)
        {
            return found.Failure;
        }

        var decision = await grains.GetGrain<IClusterGrain>(clusterId).AuthorizeAsync(caller.UserId, found.Value!.Generation);
        if (!decision.Allowed)
        {
            EdgeLog.KubeTokenRefused(logger, caller.UserId, clusterId, decision.Reason.ToString());
            metrics.Refused(decision.Reason.ToString());
            return decision.Reason == AccessDenialReason.Sandbox
                ? ApiFailure.BadRequest(decision.Message)
                : ApiFailure.Forbidden("You do not have access to this cluster");
        }

        var permit = await grains.GetGrain<IUserGrain>(caller.UserId).TryAcquireMintAsync();
        if (!permit.Granted)
        {
            EdgeLog.KubeTokenRefused(logger, caller.UserId, clusterId, "rate limited");
            metrics.Refused("RateLimited");
            return new ApiFailure(StatusCodes.Status429TooManyRequests, "Too many kube tokens minted; wait before asking again", permit.RetryAfter);
        }

        var (token, expires) = issuer.Issue(caller.UserId, clusterId, decision.Generation);
        EdgeLog.KubeTokenMinted(logger, caller.UserId, clusterId, expires);
        metrics.Minted();
        return new MintedKubeToken(token, kubeServer, expires, found.Value.Name);
    }

    /// <summary>A complete kubeconfig (cluster, user with embedded token, context) as YAML, written by the one kubeconfig serializer the CLI uses too.</summary>
    public static (string Yaml, string Context) Kubeconfig(MintedKubeToken minted, string? defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(minted);
        var name = $"ankra-{minted.ClusterName}";
        return (Ankra.Mesh.Kubeconfig.KubeconfigDocument.SingleContext(name, minted.Server, minted.Token, defaultNamespace).Serialize(), name);
    }
}
