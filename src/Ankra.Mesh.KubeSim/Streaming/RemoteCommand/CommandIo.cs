namespace Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

/// <summary>What a built-in command or the attach console reads and writes, independent of the transport.</summary>
/// <param name="Stdin">The client's stdin; <see cref="Stream.Null"/> when stdin was not requested.</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error (the stdout sink under a tty, which merges them).</param>
/// <param name="Terminal">The terminal when <c>tty=true</c>, else null.</param>
internal sealed record CommandIo(Stream Stdin, IOutputSink Stdout, IOutputSink Stderr, TerminalState? Terminal);
