using Ankra.Mesh.KubeSim.Streaming.Spdy;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

/// <summary>
/// Exec/attach over SPDY/3.1 (protocols v2–v5 <c>channel.k8s.io</c>): kubectl opens one stream per
/// <c>streamType</c> (error first, then stdin, stdout, stderr, resize as requested); the command starts
/// once all expected streams exist. At the end stdout/stderr are half-closed, the exit report is written
/// on the error stream, and we wait briefly for kubectl to close the connection.
/// </summary>
internal sealed class SpdyRemoteCommandSession(RemoteCommandOptions options, StreamingPod pod, string protocol, ILogger logger)
{
    // kubelet's streamCreationTimeout: how long the client has to open the streams it announced.
    private static readonly TimeSpan StreamCreationTimeout = TimeSpan.FromSeconds(30);

    // How long we wait for kubectl to hang up after the exit report before closing ourselves.
    private static readonly TimeSpan HangUpGrace = TimeSpan.FromSeconds(5);

    /// <summary>Runs the session on the upgraded connection; returns a short outcome for the log.</summary>
    public async Task<string> RunAsync(Stream transport, CancellationToken cancellationToken = default)
    {
        using var connection = new SpdyConnection(transport, logger);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var expected = ExpectedStreamTypes();
        var streams = new Dictionary<string, SpdyStream>(StringComparer.OrdinalIgnoreCase);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readLoop = connection.RunAsync(stream => Collect(stream, streams, expected, ready), session.Token);
        try
        {
            var first = await Task.WhenAny(ready.Task, readLoop, Task.Delay(StreamCreationTimeout, session.Token));
            if (first != ready.Task)
            {
                return "the client did not open the expected streams";
            }

            return await RunCommandAsync(streams, readLoop, session.Token);
        }
        finally
        {
            await session.CancelAsync();
            await readLoop;
        }
    }

    private async Task<string> RunCommandAsync(Dictionary<string, SpdyStream> streams, Task readLoop, CancellationToken cancellationToken)
    {
        var error = streams["error"];
        var stdin = streams.GetValueOrDefault("stdin");
        var stdout = streams.GetValueOrDefault("stdout");
        var stderr = streams.GetValueOrDefault("stderr");
        var terminal = options.Tty ? new TerminalState() : null;
        using var command = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The client going away (read loop ends) stops the command and releases everything.
        _ = readLoop.ContinueWith(_ => command.Cancel(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (terminal is not null && streams.TryGetValue("resize", out var resize))
        {
            _ = terminal.ReadResizeStreamAsync(resize.Input, command.Token);
        }

        IOutputSink stdoutSink = stdout is null ? DiscardSink.Instance : stdout;
        IOutputSink stderrSink = stderr is null ? (options.Tty ? stdoutSink : DiscardSink.Instance) : stderr;
        var io = new CommandIo(stdin?.Input ?? Stream.Null, stdoutSink, stderrSink, terminal);
        int exitCode;
        try
        {
            exitCode = await RemoteCommandRunner.RunAsync(options, pod, io, command.Token);
        }
        catch (OperationCanceledException)
        {
            return "the client went away";
        }

        stdin?.AbandonInput();
        if (stdout is not null)
        {
            await stdout.CloseAsync(cancellationToken);
        }

        if (stderr is not null)
        {
            await stderr.CloseAsync(cancellationToken);
        }

        await error.WriteAsync(RemoteCommandRunner.ExitReport(options, protocol, exitCode), cancellationToken);
        await error.CloseAsync(cancellationToken);
        await Task.WhenAny(readLoop, Task.Delay(HangUpGrace, cancellationToken));
        return $"exit code {exitCode}";
    }

    private HashSet<string> ExpectedStreamTypes()
    {
        var expected = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "error" };
        if (options.Stdin)
        {
            expected.Add("stdin");
        }

        if (options.Stdout)
        {
            expected.Add("stdout");
        }

        if (options.Stderr)
        {
            expected.Add("stderr");
        }

        if (options.Tty && protocol != RemoteCommandProtocols.V2)
        {
            expected.Add("resize");
        }

        return expected;
    }

    private static void Collect(SpdyStream stream, Dictionary<string, SpdyStream> streams, HashSet<string> expected, TaskCompletionSource ready)
    {
        lock (streams)
        {
            streams.TryAdd(stream.StreamType, stream);
            if (expected.All(streams.ContainsKey))
            {
                ready.TrySetResult();
            }
        }
    }
}
