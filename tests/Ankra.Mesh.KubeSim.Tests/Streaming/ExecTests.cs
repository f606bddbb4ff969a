namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary><c>kubectl exec</c> with real kubectl binaries: WebSocket v5 on 1.30+, SPDY on 1.27 and when forced.</summary>
[Collection(StreamingCollection.Name)]
public sealed class ExecTests(InterimStreamingHost host)
{
    private static readonly Dictionary<string, string> ForceSpdy = new() { ["KUBECTL_REMOTE_COMMAND_WEBSOCKETS"] = "false" };

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.30")]
    [InlineData("1.33")]
    public async Task Exec_EchoWithArguments_PrintsThem(string version)
    {
        using var kubectl = new Kubectl(version, host.BaseAddress);

        var result = await kubectl.RunAsync(["exec", "web", "--", "echo", "hello", "from", version]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"hello from {version}\n", result.StdoutText);
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.30")]
    [InlineData("1.33")]
    public async Task ExecInteractive_StdinPiped_CatReturnsIt(string version)
    {
        using var kubectl = new Kubectl(version, host.BaseAddress);
        var input = "first line\nsecond line ünïcode\n" + new string('x', 100_000) + "\n";

        var result = await kubectl.RunAsync(["exec", "-i", "web", "--", "cat"], stdin: input);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(input, result.StdoutText);
    }

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.30")]
    [InlineData("1.33")]
    public async Task Exec_RemoteExitsThree_KubectlExitsThree(string version)
    {
        using var kubectl = new Kubectl(version, host.BaseAddress);

        var result = await kubectl.RunAsync(["exec", "web", "--", "sh", "-c", "echo before && exit 3; echo never"]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal("before\n", result.StdoutText);
    }

    [Fact]
    public async Task Exec_ForcedToSpdyOn133_StdinAndExitCodeWork()
    {
        using var kubectl = new Kubectl("1.33", host.BaseAddress);

        var result = await kubectl.RunAsync(["exec", "-i", "web", "--", "sh", "-c", "cat; exit 4"], stdin: "over spdy\n", environment: ForceSpdy);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Equal("over spdy\n", result.StdoutText);
    }

    [Fact]
    public async Task Exec_UnknownCommand_Exits127WithShellMessage()
    {
        using var kubectl = new Kubectl("1.33", host.BaseAddress);

        var result = await kubectl.RunAsync(["exec", "web", "--", "sh", "-c", "frobnicate now"]);

        Assert.True(result.ExitCode == 127, result.ToString());
        Assert.Contains("sh: 1: frobnicate: not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_Env_PrintsPodEnvironment()
    {
        using var kubectl = new Kubectl("1.30", host.BaseAddress);

        var result = await kubectl.RunAsync(["exec", "web", "-c", "app", "--", "env"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("GREETING=hello from kubesim\n", result.StdoutText, StringComparison.Ordinal);
        Assert.Contains("POD_NAME=web\n", result.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_UnknownContainer_KubectlReportsIt()
    {
        using var kubectl = new Kubectl("1.33", host.BaseAddress);

        var result = await kubectl.RunAsync(["exec", "web", "-c", "nope", "--", "true"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("container nope", result.Stderr, StringComparison.Ordinal);
    }
}
