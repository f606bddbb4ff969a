using Ankra.Mesh.KubeSim.Streaming.Exec;
using Xunit.Abstractions;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>
/// <c>bytes N</c> through kubectl: every byte arrives, in order (the figure printed is informational; the
/// machine is shared, so no time bound is asserted).
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class ExecThroughputTests(InterimStreamingHost host, ITestOutputHelper output)
{
    private const int Size = 32 * 1024 * 1024;

    [Theory]
    [InlineData("1.33", false)]
    [InlineData("1.33", true)]
    public async Task ExecBytes_32MiB_EveryByteArrives(string version, bool forceSpdy)
    {
        using var kubectl = new Kubectl(version, host.BaseAddress);
        Dictionary<string, string> environment = forceSpdy ? new() { ["KUBECTL_REMOTE_COMMAND_WEBSOCKETS"] = "false" } : [];

        var result = await kubectl.RunAsync(["exec", "web", "--", "bytes", "32M"], environment: environment);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Equal(Size, result.Stdout.Length);
        for (var offset = 0; offset < Size; offset += DeterministicBytes.Pattern.Length)
        {
            Assert.True(result.Stdout.AsSpan(offset, DeterministicBytes.Pattern.Length).SequenceEqual(DeterministicBytes.Pattern), $"mismatch at {offset}");
        }

        output.WriteLine($"kubectl {version} exec bytes 32M over {(forceSpdy ? "SPDY" : "WebSocket")}: {result.Elapsed.TotalMilliseconds:F0} ms including kubectl start, {Size / 1048576.0 / result.Elapsed.TotalSeconds:F1} MiB/s");
    }
}
