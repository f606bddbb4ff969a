namespace Ankra.Mesh.Edge;

/// <summary>Every log line of the edge (event ids 5100–5199).</summary>
internal static partial class EdgeLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Listening for access-changed events on {Subject}")]
    public static partial void AccessEventsSubscribed(ILogger logger, string subject);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Access to cluster {ClusterId} changed; cached decisions dropped")]
    public static partial void AccessChanged(ILogger logger, string clusterId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Bootstrap: organisation {Organisation} ({OrganisationId}) with admin {AdminEmail}; API token written to {TokenFile}")]
    public static partial void Bootstrapped(ILogger logger, string organisation, string organisationId, string adminEmail, string tokenFile);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Kube token minted for user {UserId} on cluster {ClusterId} (expires {ExpiresAt:u})")]
    public static partial void KubeTokenMinted(ILogger logger, string userId, string clusterId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Kube token mint for user {UserId} on cluster {ClusterId} refused: {Reason}")]
    public static partial void KubeTokenRefused(ILogger logger, string userId, string clusterId, string reason);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Error, Message = "Request {Path} failed; answered 503")]
    public static partial void UnhandledFailure(ILogger logger, string path, Exception exception);
}
