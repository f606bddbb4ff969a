using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.KubeSim.Hosting;

/// <summary>Every log message of the simulated API server.</summary>
internal static partial class KubeSimLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "KubeSim listening on {HttpsUrl} and {HttpUrl}; CA certificate at {CaFile}")]
    public static partial void Listening(ILogger logger, string httpsUrl, string httpUrl, string caFile);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception error, string method, string path);
}
