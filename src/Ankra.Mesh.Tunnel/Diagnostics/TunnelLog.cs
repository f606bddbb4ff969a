using Ankra.Mesh.Contracts.V1;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Tunnel.Diagnostics;

/// <summary>Every log line of the tunnel (source generated, explicit event ids 3000–3099).</summary>
internal static partial class TunnelLog
{
    [LoggerMessage(3000, LogLevel.Information, "Tunnel agent serving {OpenSubject} (queue group {QueueGroup}) and {SessionOpenSubject} for session {SessionId}")]
    public static partial void AgentStarted(ILogger logger, string openSubject, string queueGroup, string sessionOpenSubject, string sessionId);

    [LoggerMessage(3001, LogLevel.Information, "Tunnel agent for session {SessionId} stopped; {Streams} streams were reset")]
    public static partial void AgentStopped(ILogger logger, string sessionId, int streams);

    [LoggerMessage(3030, LogLevel.Information, "Tunnel agent for session {SessionId} stopped taking new streams; {Streams} open streams finish here")]
    public static partial void AgentStoppedAccepting(ILogger logger, string sessionId, int streams);

    [LoggerMessage(3002, LogLevel.Warning, "Refused stream {StreamId}: {Reason} ({Message})")]
    public static partial void StreamRefused(ILogger logger, string streamId, RefuseReason reason, string message);

    [LoggerMessage(3003, LogLevel.Debug, "Stream {StreamId} reset ({Origin}): {Reason}")]
    public static partial void StreamReset(ILogger logger, string streamId, string origin, ResetReason reason, Exception failure);

    [LoggerMessage(3004, LogLevel.Warning, "Upstream request of stream {StreamId} failed")]
    public static partial void UpstreamFailed(ILogger logger, string streamId, Exception exception);

    [LoggerMessage(3005, LogLevel.Warning, "Dropped an undecodable tunnel message on {Subject}")]
    public static partial void BadMessage(ILogger logger, string subject, Exception exception);

    [LoggerMessage(3006, LogLevel.Error, "Tunnel frame loop on {Subject} failed")]
    public static partial void LoopFailed(ILogger logger, string subject, Exception exception);

    [LoggerMessage(3007, LogLevel.Debug, "Open of stream {StreamId} to {Subject} failed: {Failure}")]
    public static partial void OpenFailed(ILogger logger, string streamId, string subject, TunnelFailure failure);

    [LoggerMessage(3008, LogLevel.Debug, "Retrying idempotent open of stream {StreamId} once after a timeout")]
    public static partial void OpenRetry(ILogger logger, string streamId);

    [LoggerMessage(3031, LogLevel.Information, "A {Kind} resumed from {ResumePoint} on another agent replica after: {Failure}")]
    public static partial void StreamResumed(ILogger logger, string kind, string resumePoint, string failure);

    [LoggerMessage(3032, LogLevel.Debug, "Resuming a {Kind} from {ResumePoint} failed; trying again")]
    public static partial void StreamResumeRetry(ILogger logger, string kind, string resumePoint, Exception failure);

    [LoggerMessage(3033, LogLevel.Information, "A watch could not resume from resourceVersion {ResourceVersion}: 410 Gone, passed on as an ERROR event so the client relists")]
    public static partial void WatchResumeGone(ILogger logger, string resourceVersion);

    [LoggerMessage(3034, LogLevel.Warning, "A {Kind} could not resume from {ResumePoint}: the API server answered {Status}")]
    public static partial void StreamResumeRefused(ILogger logger, string kind, string resumePoint, int status);
}
