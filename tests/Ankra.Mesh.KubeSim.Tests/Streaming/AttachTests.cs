namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary><c>kubectl attach</c> to the simulated main process (a console that echoes stdin).</summary>
[Collection(StreamingCollection.Name)]
public sealed class AttachTests(InterimStreamingHost host)
{
    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public async Task AttachInteractive_StdinPiped_BannerThenEchoedLines(string version)
    {
        using var kubectl = new Kubectl(version, host.BaseAddress);

        var result = await kubectl.RunAsync(["attach", "-i", "web", "-c", "app"], stdin: "typed line\nanother\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "kubesim console of default/web container app: lines sent to stdin are echoed back\ntyped line\nanother\n",
            result.StdoutText);
    }
}
