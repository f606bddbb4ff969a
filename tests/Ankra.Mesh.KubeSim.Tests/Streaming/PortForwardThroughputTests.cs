using System.Diagnostics;
using System.Net.Sockets;
using Ankra.Mesh.KubeSim.Streaming.Exec;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>
/// A bulk transfer through <c>kubectl port-forward</c> to the echo port: every byte comes back in order
/// (the printed rate is informational; no time bound is asserted on this shared machine).
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class PortForwardThroughputTests(InterimStreamingHost host, ITestOutputHelper output)
{
    private const int Size = 16 * 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("1.33")]
    [InlineData("1.27")]
    public async Task PortForward_16MiBThroughEcho_EveryByteReturns(string version)
    {
        using var kubectl = new Kubectl(version, host.BaseAddress);
        var localPort = FreePort.Next();
        await using var forward = await kubectl.StartPortForwardAsync([(localPort, PodPorts.Echo)]);
        var payload = new byte[Size];
        for (var offset = 0; offset < Size; offset += DeterministicBytes.Pattern.Length)
        {
            DeterministicBytes.Pattern.CopyTo(payload.AsSpan(offset));
        }

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", localPort).WaitAsync(Timeout);
        var stream = client.GetStream();
        var stopwatch = Stopwatch.StartNew();
        var sending = Task.Run(async () =>
        {
            await stream.WriteAsync(payload);
            client.Client.Shutdown(SocketShutdown.Send);
        });
        var received = new byte[Size];
        await stream.ReadExactlyAsync(received).AsTask().WaitAsync(Timeout);
        await sending.WaitAsync(Timeout);
        stopwatch.Stop();

        Assert.True(payload.AsSpan().SequenceEqual(received), "the echoed bytes differ from those sent");
        output.WriteLine($"kubectl {version} port-forward echo of 16 MiB: {stopwatch.ElapsedMilliseconds} ms, {Size / 1048576.0 / stopwatch.Elapsed.TotalSeconds:F1} MiB/s each way");
    }
}
