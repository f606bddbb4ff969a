using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Streaming.WebSockets;

/// <summary>
/// Exec/attach over WebSocket (<c>v5.channel.k8s.io</c> or <c>v4.channel.k8s.io</c>): every binary
/// message starts with its channel byte. stdin arrives on channel 0 and ends with the v5 close signal
/// <c>[255, 0]</c>; resize JSON on channel 4. When the command exits the status goes on channel 3,
/// then a normal close, which client-go reads as the end of every channel.
/// </summary>
internal sealed class WebSocketRemoteCommandSession(RemoteCommandOptions options, StreamingPod pod, string protocol)
{
    private static readonly TimeSpan HangUpGrace = TimeSpan.FromSeconds(5);

    // stdin buffering between the receive loop and the command: the loop waits above 256 KiB.
    private static readonly PipeOptions StdinOptions = new(
        pauseWriterThreshold: 256 * 1024, resumeWriterThreshold: 128 * 1024, useSynchronizationContext: false);

    /// <summary>Runs the session on an accepted WebSocket; returns a short outcome for the log.</summary>
    public async Task<string> RunAsync(WebSocket socket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using var sender = new WebSocketChannelSender(socket);
        using var command = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stdin = new Pipe(StdinOptions);
        var terminal = options.Tty ? new TerminalState() : null;
        var receiveLoop = ReceiveAsync(socket, stdin.Writer, terminal, command.Token);
        // The client closing or vanishing ends the command and everything it holds.
        _ = receiveLoop.ContinueWith(_ => command.Cancel(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        IOutputSink stdout = options.Stdout ? new WebSocketChannelSink(sender, WebSocketChannels.Stdout) : DiscardSink.Instance;
        IOutputSink stderr = options.Stderr ? new WebSocketChannelSink(sender, WebSocketChannels.Stderr) : options.Tty ? stdout : DiscardSink.Instance;
        var io = new CommandIo(options.Stdin ? stdin.Reader.AsStream() : Stream.Null, stdout, stderr, terminal);
        try
        {
            var exitCode = await RemoteCommandRunner.RunAsync(options, pod, io, command.Token);
            await stdin.Reader.CompleteAsync();
            await sender.SendAsync(WebSocketChannels.Error, RemoteCommandRunner.ExitReport(options, protocol, exitCode), cancellationToken);
            await sender.CloseAsync(cancellationToken);
            await Task.WhenAny(receiveLoop, Task.Delay(HangUpGrace, cancellationToken));
            return $"exit code {exitCode}";
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException)
        {
            return "the client went away";
        }
        finally
        {
            await command.CancelAsync();
            await receiveLoop;
            socket.Abort();
        }
    }

    private static async Task ReceiveAsync(WebSocket socket, PipeWriter stdin, TerminalState? terminal, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        var channel = -1; // channel of the message in progress, -1 between messages
        var stdinClosed = false;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var data = buffer.AsMemory(0, result.Count);
                if (channel < 0 && !data.IsEmpty)
                {
                    channel = data.Span[0];
                    data = data[1..];
                    if (channel == WebSocketChannels.Close && !data.IsEmpty && data.Span[0] == WebSocketChannels.Stdin)
                    {
                        stdinClosed = true;
                        await stdin.CompleteAsync();
                    }
                }

                if (channel == WebSocketChannels.Stdin && !data.IsEmpty && !stdinClosed)
                {
                    // After the command has stopped reading, the write completes at once and the data is dropped.
                    await stdin.WriteAsync(data, cancellationToken);
                }
                else if (channel == WebSocketChannels.Resize && terminal is not null)
                {
                    terminal.Resize(data.Span);
                }

                if (result.EndOfMessage)
                {
                    channel = -1;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or InvalidOperationException)
        {
            // The connection is gone or the session is over.
        }
        finally
        {
            await stdin.CompleteAsync();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
