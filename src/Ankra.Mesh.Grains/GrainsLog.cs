using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Grains;

/// <summary>Every log line of the grains and their hosting (event ids 5000–5099).</summary>
internal static partial class GrainsLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "Could not publish the access-changed event of cluster {ClusterId}; edges fall back to their cache expiry")]
    public static partial void AccessEventFailed(ILogger logger, string clusterId, Exception exception);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Agent replica {ReplicaId} of cluster {ClusterId} registered session {SessionId}; fenced {FencedSessionId}; {PrunedCount} expired or surplus session(s) removed")]
    public static partial void AgentRegistered(ILogger logger, string clusterId, string replicaId, string sessionId, string? fencedSessionId, int prunedCount);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Cluster {ClusterId}: grant {GrantId} created for user {UserId} ({Role}, {Scope})")]
    public static partial void GrantCreated(ILogger logger, string clusterId, string grantId, string userId, string role, string scope);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Cluster {ClusterId}: {Count} grant(s) revoked ({Why})")]
    public static partial void GrantsRevoked(ILogger logger, string clusterId, int count, string why);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Orleans runs with in-memory storage and localhost clustering: NOTHING IS DURABLE. Every organisation, cluster, grant and token is lost when this process stops. Set Mesh:Orleans:Mode=AdoNet with Mesh:Orleans:ConnectionString for production.")]
    public static partial void NotDurable(ILogger logger);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Cluster {ClusterId}: agent token rotated; {Count} session(s) cut off")]
    public static partial void AgentTokenRotated(ILogger logger, string clusterId, int count);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Organisation {OrganisationId}: {Operation} failed (attempt {Attempt} of {Attempts}); retrying in {Delay}")]
    public static partial void RetryingGrainCall(ILogger logger, string organisationId, string operation, int attempt, int attempts, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Could not record the last use of API token {TokenId}; validation goes on (last_used_at is informational)")]
    public static partial void TokenLastUseNotRecorded(ILogger logger, string tokenId, Exception exception);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "User {UserId}: could not update the organisation/token index after {Operation}; the organisation or token record stays authoritative")]
    public static partial void UserIndexNotUpdated(ILogger logger, string userId, string operation, Exception exception);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Cluster {ClusterId}: could not store a check-in (back online, or expired sessions removed); the agent stays live in memory and the write is retried at its next check-in")]
    public static partial void CheckInNotWritten(ILogger logger, string clusterId, Exception exception);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "NATS runs WITHOUT credentials or TLS (Mesh:Nats:AllowInsecure=true): any client that reaches {Url} can read and answer every cluster's traffic, and agents get no credential. Development only.")]
    public static partial void NatsInsecure(ILogger logger, string url);
}
