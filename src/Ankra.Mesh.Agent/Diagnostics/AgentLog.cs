using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Agent.Diagnostics;

/// <summary>Every log line the agent writes (event ids 1000–1999).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(1000, LogLevel.Information, "Registered with the edge as replica {ReplicaId}: cluster {ClusterId}, session {SessionId}, subject {Subject}")]
    public static partial void Registered(ILogger logger, string replicaId, string clusterId, string sessionId, string subject);

    [LoggerMessage(1001, LogLevel.Warning, "Registration failed ({StatusCode}: {Detail}); retrying in {Delay}")]
    public static partial void RegistrationFailed(ILogger logger, string statusCode, string detail, TimeSpan delay);

    [LoggerMessage(1002, LogLevel.Error, "The edge rejected the registration token ({Detail}). Was it rotated? Update the agent's Secret; retrying in {Delay}")]
    public static partial void RegistrationTokenRejected(ILogger logger, string detail, TimeSpan delay);

    [LoggerMessage(1003, LogLevel.Warning, "Session {SessionId} was ended by the control plane ({Detail}); registering again")]
    public static partial void SessionFenced(ILogger logger, string sessionId, string detail);

    [LoggerMessage(1004, LogLevel.Warning, "Check-in failed ({StatusCode}: {Detail}); the session stays up, retrying in {Delay}")]
    public static partial void CheckInFailed(ILogger logger, string statusCode, string detail, TimeSpan delay);

    [LoggerMessage(1010, LogLevel.Information, "Grant {GrantId} applied: {Role} in {Namespace}")]
    public static partial void GrantApplied(ILogger logger, string grantId, string role, string? @namespace);

    [LoggerMessage(1011, LogLevel.Warning, "Grant {GrantId} could not be applied: {Error}")]
    public static partial void GrantFailed(ILogger logger, string grantId, string error);

    [LoggerMessage(1012, LogLevel.Information, "Removed binding {Name}: its grant no longer exists")]
    public static partial void BindingRemoved(ILogger logger, string name);

    [LoggerMessage(1013, LogLevel.Warning, "Reconciling grants failed")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception);

    [LoggerMessage(1020, LogLevel.Information, "Stopping: draining in-flight streams for up to {Timeout}")]
    public static partial void Draining(ILogger logger, TimeSpan timeout);

    [LoggerMessage(1021, LogLevel.Debug, "Could not read the API server version")]
    public static partial void VersionUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(1030, LogLevel.Warning, "The control plane issued no NATS credential: connecting to NATS without authentication (its development mode). Never run a production control plane like this.")]
    public static partial void NoNatsCredential(ILogger logger);

    [LoggerMessage(1031, LogLevel.Information, "NATS credential of session {SessionId} renewed; expires {ExpiresAt}")]
    public static partial void NatsCredentialRenewed(ILogger logger, string sessionId, DateTimeOffset? expiresAt);

    [LoggerMessage(1032, LogLevel.Warning, "Could not renew the NATS credential ({Code}: {Detail}); retrying, the current one expires {ExpiresAt}")]
    public static partial void NatsCredentialRenewalFailed(ILogger logger, string code, string detail, DateTimeOffset? expiresAt);

    [LoggerMessage(1033, LogLevel.Information, "Session {SessionId}: serving new streams on a renewed NATS connection; {Streams} streams finish on the old one (until {Until})")]
    public static partial void NatsConnectionRenewed(ILogger logger, string sessionId, int streams, DateTimeOffset? until);

    [LoggerMessage(1034, LogLevel.Warning, "Could not connect to NATS; retrying in {Delay}")]
    public static partial void NatsConnectFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(1035, LogLevel.Information, "Stopping: not registering again (a newer replica may hold this replica id now); open streams finish on the current connection")]
    public static partial void NotRegisteringWhileStopping(ILogger logger);

    [LoggerMessage(1036, LogLevel.Information, "This replica ({Holder}) now reconciles grants: it holds the lease {Namespace}/{Lease}")]
    public static partial void LeadershipAcquired(ILogger logger, string holder, string @namespace, string lease);

    [LoggerMessage(1037, LogLevel.Warning, "This replica ({Holder}) lost the grant reconciler lease; another replica reconciles")]
    public static partial void LeadershipLost(ILogger logger, string holder);

    [LoggerMessage(1038, LogLevel.Debug, "Reconciler lease election failed")]
    public static partial void LeaseError(ILogger logger, Exception exception);
}
