using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Hosting.Silo;

/// <summary>Log lines of the silo hosting (event ids 5150–5199, and 5004, the id operators know the warning by).</summary>
internal static partial class SiloHostingLog
{
    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Orleans runs with in-memory storage and localhost clustering: NOTHING IS DURABLE. Every organisation, cluster, grant and token is lost when this process stops. Set Mesh:Orleans:Mode=AdoNet with Mesh:Orleans:ConnectionString for production.")]
    public static partial void NotDurable(ILogger logger);
}
