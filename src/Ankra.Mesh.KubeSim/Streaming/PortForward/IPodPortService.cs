using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.PortForward;

/// <summary>What listens on a simulated pod port: serves one forwarded connection.</summary>
internal interface IPodPortService
{
    /// <summary>Serves the connection until the client half-closes it (end of <paramref name="input"/>) or it is cancelled.</summary>
    Task ServeAsync(Stream input, IOutputSink output, CancellationToken cancellationToken = default);
}
