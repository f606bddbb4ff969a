using System.Text;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.Exec;

/// <summary>
/// The "main process" of every simulated container, which <c>kubectl attach</c> connects to: a console
/// that prints a banner line, then echoes whatever arrives on stdin back to stdout (line by line as
/// it arrives). The attach session ends with success when the client closes stdin; without stdin it
/// stays attached (printing nothing more) until the client goes away, like a quiet real process.
/// </summary>
internal sealed class AttachConsole(StreamingPod pod, string container, CommandIo io)
{
    /// <summary>The first line an attached client sees.</summary>
    public static string Banner(StreamingPod pod, string container)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return $"kubesim console of {pod.Namespace}/{pod.Name} container {container}: lines sent to stdin are echoed back\n";
    }

    /// <summary>Runs until stdin ends (or, without stdin, until cancelled); returns the exit code 0.</summary>
    public async Task<int> RunAsync(bool hasStdin, CancellationToken cancellationToken = default)
    {
        await io.Stdout.WriteAsync(Encoding.UTF8.GetBytes(Banner(pod, container)), cancellationToken);
        if (!hasStdin)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        await io.Stdout.CopyFromAsync(io.Stdin, cancellationToken);
        return 0;
    }
}
