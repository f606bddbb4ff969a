namespace Ankra.Mesh.Edge;

/// <summary>Every log line of the edge (event ids 5100–5199).</summary>
internal static partial class EdgeLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Listening for access-changed events on {Subject}")]
    public static partial void AccessEventsSubscribed(ILogger logger, string subject);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Access to cluster {ClusterId} changed; cached decisions dropped")]
    public static partial void AccessChanged(ILogger logger, string clusterId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Bootstrap: organisation {Organisation} ({OrganisationId}) with admin {AdminEmail}; API token in {TokenFile}")]
    public static partial void Bootstrapped(ILogger logger, string organisation, string organisationId, string adminEmail, string tokenFile);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Kube token minted for user {UserId} on cluster {ClusterId} (expires {ExpiresAt:u})")]
    public static partial void KubeTokenMinted(ILogger logger, string userId, string clusterId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Kube token mint for user {UserId} on cluster {ClusterId} refused: {Reason}")]
    public static partial void KubeTokenRefused(ILogger logger, string userId, string clusterId, string reason);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Error, Message = "Request {Path} failed; answered 503")]
    public static partial void UnhandledFailure(ILogger logger, string path, Exception exception);

    // 5110-5119: faults answered for what they are (issue 12).
    [LoggerMessage(EventId = 5110, Level = LogLevel.Debug, Message = "Request {Path} refused with {StatusCode}: {Reason}")]
    public static partial void BadRequest(ILogger logger, string path, int statusCode, string reason);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Error, Message = "Request {Path} failed; answered 500")]
    public static partial void InternalError(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Debug, Message = "gRPC call {Method} carried a message that is not valid protobuf; answered INVALID_ARGUMENT")]
    public static partial void GrpcInvalidMessage(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 5113, Level = LogLevel.Information, Message = "Bootstrap: the admin API token in {TokenFile} is still valid; reused it")]
    public static partial void BootstrapTokenReused(ILogger logger, string tokenFile);

    [LoggerMessage(EventId = 5114, Level = LogLevel.Information, Message = "Bootstrap: issued a new admin API token and revoked {Revoked} earlier bootstrap token(s) of {AdminEmail}")]
    public static partial void BootstrapTokenRotated(ILogger logger, string adminEmail, int revoked);
}
