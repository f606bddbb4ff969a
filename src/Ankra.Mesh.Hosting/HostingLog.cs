using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Hosting;

/// <summary>Log lines of the shared hosting (event ids 5100–5149, and 5006 from before it left the grain assembly; the grains have 5000–5099).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "NATS runs WITHOUT credentials or TLS (Mesh:Nats:AllowInsecure=true): any client that reaches {Url} can read and answer every cluster's traffic, and agents get no credential. Development only.")]
    public static partial void NatsInsecure(ILogger logger, string url);
}
