namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>Log lines of the kube proxy (event ids 3000–3099).</summary>
internal static partial class KubeProxyLog
{
    [LoggerMessage(3000, LogLevel.Warning, "Forwarding to cluster {ClusterId} failed: {Error}")]
    public static partial void ForwardFailed(ILogger logger, string clusterId, string error);

    [LoggerMessage(3001, LogLevel.Information, "Cut a live request of user {UserId} on cluster {ClusterId}: access revoked")]
    public static partial void RequestCutByRevocation(ILogger logger, string clusterId, string userId);

    [LoggerMessage(3002, LogLevel.Warning, "Could not re-check access for a live request on cluster {ClusterId} ({Error}); cutting it")]
    public static partial void RevocationCheckFailed(ILogger logger, string clusterId, string error);
}
