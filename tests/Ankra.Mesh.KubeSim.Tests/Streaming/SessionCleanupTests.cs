using System.Net.Sockets;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>Sessions end, and release what they hold, when kubectl goes away in the middle.</summary>
[Collection(StreamingCollection.Name)]
public sealed class SessionCleanupTests(InterimStreamingHost host)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public async Task Exec_KubectlStoppedDuringLongCommand_SessionEnds(string version)
    {
        using var kubectl = new Kubectl(version, host.BaseAddress);
        await host.Sessions.WaitForAsync(active => active == 0).WaitAsync(Timeout);
        await using var exec = kubectl.Start(["exec", "web", "--", "sh", "-c", "echo started; sleep 600"]);
        // The line proves every stream is open and the command runs.
        await exec.WaitForLineAsync(line => line == "started", Timeout);
        Assert.Equal(1, host.Sessions.Active);

        await exec.StopAsync(TimeSpan.FromSeconds(5));

        await host.Sessions.WaitForAsync(active => active == 0).WaitAsync(Timeout);
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public async Task PortForward_KubectlStoppedWithOpenConnection_SessionEnds(string version)
    {
        using var kubectl = new Kubectl(version, host.BaseAddress);
        await host.Sessions.WaitForAsync(active => active == 0).WaitAsync(Timeout);
        var localPort = FreePort.Next();
        await using var forward = await kubectl.StartPortForwardAsync([(localPort, PodPorts.Echo)]);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", localPort).WaitAsync(Timeout);
        await client.GetStream().WriteAsync("open\n"u8.ToArray()).AsTask().WaitAsync(Timeout);
        var echoed = new byte[5];
        await client.GetStream().ReadExactlyAsync(echoed).AsTask().WaitAsync(Timeout);
        Assert.Equal(1, host.Sessions.Active);

        await forward.StopAsync(TimeSpan.FromSeconds(5));

        await host.Sessions.WaitForAsync(active => active == 0).WaitAsync(Timeout);
    }
}
