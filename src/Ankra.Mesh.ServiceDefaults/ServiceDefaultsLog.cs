using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.ServiceDefaults;

/// <summary>Log lines of the shared wiring (event ids 9000–9099; every process carries them, so no project uses these).</summary>
internal static partial class ServiceDefaultsLog
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Warning,
        Message = "Mesh:Telemetry:InternalUrl is not set: /metrics, /healthz, /livez and /readyz are not served by this process (they are never served on its other listeners)")]
    public static partial void NoInternalListener(ILogger logger);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Metrics and health endpoints on the internal listener {InternalUrl}")]
    public static partial void InternalListenerConfigured(ILogger logger, string internalUrl);
}
