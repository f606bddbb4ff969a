using Ankra.Mesh.KubeSim.Streaming.Spdy;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.KubeSim.Hosting;

/// <summary>Log messages of the streaming protocols (exec, attach, port-forward), event ids 4100–4199.</summary>
internal static partial class KubeSimLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "{Subresource} on pod {Namespace}/{Pod} started over {Protocol}")]
    public static partial void SessionStarted(ILogger logger, string subresource, string @namespace, string pod, string protocol);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "{Subresource} on pod {Namespace}/{Pod} ended: {Outcome}")]
    public static partial void SessionEnded(ILogger logger, string subresource, string @namespace, string pod, string outcome);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Streaming upgrade refused with {StatusCode}: {Reason}")]
    public static partial void UpgradeRefused(ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "SPDY protocol error; closing the connection")]
    public static partial void SpdyProtocolError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Streaming session on pod {Namespace}/{Pod} failed")]
    public static partial void SessionFailed(ILogger logger, string @namespace, string pod, Exception exception);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "SPDY frame {Type} stream {StreamId} flags {Flags} length {Length}")]
    public static partial void SpdyFrameReceived(ILogger logger, SpdyFrameType type, uint streamId, byte flags, int length);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Debug, Message = "SPDY stream {StreamId} opened: {Headers}")]
    public static partial void SpdyStreamOpened(ILogger logger, uint streamId, string headers);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Debug, Message = "exec on pod {Namespace}/{Pod} runs {Command}")]
    public static partial void ExecCommand(ILogger logger, string @namespace, string pod, string command);
}
