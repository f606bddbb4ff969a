namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>Log lines of the kube proxy (event ids 3100–3199; the tunnel in the same process has 3000–3099).</summary>
internal static partial class KubeProxyLog
{
    [LoggerMessage(3100, LogLevel.Warning, "Forwarding to cluster {ClusterId} failed")]
    public static partial void ForwardFailed(ILogger logger, string clusterId, Exception failure);

    [LoggerMessage(3101, LogLevel.Information, "Cut a live request of user {UserId} on cluster {ClusterId}: access revoked ({Trigger})")]
    public static partial void RequestCutByRevocation(ILogger logger, string clusterId, string userId, string trigger);

    [LoggerMessage(3102, LogLevel.Warning, "Could not re-check access for a live request on cluster {ClusterId} after an access event; cutting it")]
    public static partial void RevocationCheckFailed(ILogger logger, string clusterId, Exception exception);

    [LoggerMessage(3103, LogLevel.Warning, "Periodic re-check of {Count} live request(s) on cluster {ClusterId} got no answer; they are cut once unconfirmed for the decision-cache TTL")]
    public static partial void RecheckFailed(ILogger logger, string clusterId, int count, Exception exception);

    [LoggerMessage(3104, LogLevel.Warning, "A request to cluster {ClusterId} was refused with 503: the control plane (silos) is unreachable")]
    public static partial void ControlPlaneUnavailable(ILogger logger, string clusterId, Exception exception);

    [LoggerMessage(3105, LogLevel.Debug, "Access to cluster {ClusterId} changed while a request of user {UserId} was starting; re-checked it")]
    public static partial void RecheckedAtStart(ILogger logger, string clusterId, string userId);
}
