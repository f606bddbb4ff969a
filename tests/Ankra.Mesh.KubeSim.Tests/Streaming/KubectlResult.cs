using System.Text;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>What a finished kubectl run produced.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Stdout">Everything kubectl wrote to stdout.</param>
/// <param name="Stderr">Its last stderr lines (for messages and failure output).</param>
/// <param name="Elapsed">Wall time of the run.</param>
internal sealed record KubectlResult(int ExitCode, byte[] Stdout, string Stderr, TimeSpan Elapsed)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalMilliseconds:F0} ms\nstdout: {StdoutText}\nstderr: {Stderr}";
}
