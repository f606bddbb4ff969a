using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Grains;

/// <summary>Every log line of the grains (event ids 5000–5099; hosting has 5100–5199).</summary>
internal static partial class GrainsLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Agent replica {ReplicaId} of cluster {ClusterId} registered session {SessionId}; fenced {FencedSessionId}; {PrunedCount} expired or surplus session(s) removed")]
    public static partial void AgentRegistered(ILogger logger, string clusterId, string replicaId, string sessionId, string? fencedSessionId, int prunedCount);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Cluster {ClusterId}: grant {GrantId} created for user {UserId} ({Role}, {Scope})")]
    public static partial void GrantCreated(ILogger logger, string clusterId, string grantId, string userId, string role, string scope);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Cluster {ClusterId}: {Count} grant(s) revoked ({Why})")]
    public static partial void GrantsRevoked(ILogger logger, string clusterId, int count, string why);

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

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Cluster {ClusterId} deleted: {Grants} grant(s) revoked, {Sessions} agent session(s) fenced, registration token invalidated")]
    public static partial void ClusterDeleted(ILogger logger, string clusterId, int grants, int sessions);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Cluster {ClusterId}: grant {GrantId} changed from {OldRole} to {Role}")]
    public static partial void GrantRoleChanged(ILogger logger, string clusterId, string grantId, string oldRole, string role);

    // 5050-5059: the access-event outbox (AccessEventRelay).
    [LoggerMessage(EventId = 5050, Level = LogLevel.Warning, Message = "Could not deliver {Count} access-changed event(s) to NATS; retrying in {RetryMs} ms (edges re-check live requests meanwhile)")]
    public static partial void AccessEventsRetrying(ILogger logger, int count, double retryMs, Exception exception);

    [LoggerMessage(EventId = 5051, Level = LogLevel.Information, Message = "Delivered {Count} pending access-changed event(s) to NATS after {Failures} failed attempt(s)")]
    public static partial void AccessEventsDelivered(ILogger logger, int count, int failures);

    [LoggerMessage(EventId = 5052, Level = LogLevel.Error, Message = "NATS refused an access-changed event ({Error}): this process's NATS credential may not publish access events, so edges learn about revocations only from their periodic re-check")]
    public static partial void AccessEventRefused(ILogger logger, string error);

    [LoggerMessage(EventId = 5053, Level = LogLevel.Warning, Message = "Stopping with {Count} access-changed event(s) undelivered; edges pick the changes up at their next periodic re-check")]
    public static partial void AccessEventsUndelivered(ILogger logger, int count);

    [LoggerMessage(EventId = 5070, Level = LogLevel.Information, Message = "Cluster {ClusterId}: {Count} grant(s) of user {UserId} now name {Email}; the agents rebind them")]
    public static partial void GrantEmailChanged(ILogger logger, string clusterId, int count, string userId, string email);

    [LoggerMessage(EventId = 5071, Level = LogLevel.Information, Message = "Organisation {OrganisationId}: member {UserId} changed email from {OldEmail} to {NewEmail}")]
    public static partial void MemberEmailChanged(ILogger logger, string organisationId, string userId, string oldEmail, string newEmail);
}
