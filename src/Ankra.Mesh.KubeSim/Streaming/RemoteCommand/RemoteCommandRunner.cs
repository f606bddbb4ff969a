using Ankra.Mesh.KubeSim.Streaming.Exec;

namespace Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

/// <summary>Runs what an exec or attach request asks for, whatever transport carries it.</summary>
internal static class RemoteCommandRunner
{
    /// <summary>Runs the built-in command (exec) or the console (attach) and returns the exit code.</summary>
    public static Task<int> RunAsync(RemoteCommandOptions options, StreamingPod pod, CommandIo io, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IsAttach
            ? new AttachConsole(pod, options.Container, io).RunAsync(options.Stdin, cancellationToken)
            : new BuiltInCommands(pod, io).RunAsync(options.Command, cancellationToken);
    }

    /// <summary>
    /// The bytes for the error stream/channel once the command exited: a <c>Status</c> for protocol v4
    /// and later; for v2/v3 nothing on success and a plain-text message otherwise (as kubelet writes).
    /// </summary>
    public static byte[] ExitReport(RemoteCommandOptions options, string protocol, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(options);
        var legacy = protocol is RemoteCommandProtocols.V2 or RemoteCommandProtocols.V3;
        if (exitCode == 0)
        {
            return legacy ? [] : StreamingStatus.Success();
        }

        return legacy ? StreamingStatus.LegacyNonZeroExit(exitCode) : StreamingStatus.NonZeroExit(exitCode, options.Command);
    }
}
