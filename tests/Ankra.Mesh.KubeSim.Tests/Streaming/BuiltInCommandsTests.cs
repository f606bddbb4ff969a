using System.Text;
using Ankra.Mesh.KubeSim.Streaming.Exec;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

public sealed class BuiltInCommandsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("echo 'a  b' \"c;d\" e\\ f", "a  b c;d e f\n", 0)]
    [InlineData("false || echo recovered; true && echo chained", "recovered\nchained\n", 0)]
    [InlineData("false && echo skipped", "", 1)]
    [InlineData("echo -n no-newline; exit 7; echo never", "no-newline", 7)]
    [InlineData("hostname", "web\n", 0)]
    [InlineData("echo hello | tail -c+3 && echo after", "llo\nafter\n", 0)]
    [InlineData("echo skipped | exit 3", "", 3)]
    [InlineData("false && echo a | cat", "", 1)]
    public async Task ShellScript_Sequencing_RunsLikeAShell(string script, string expectedStdout, int expectedCode)
    {
        var (code, stdout, _) = await RunAsync(["sh", "-c", script]);

        Assert.Equal(expectedCode, code);
        Assert.Equal(expectedStdout, stdout);
    }

    [Fact]
    public async Task UnknownCommand_DirectExec_Exits127WithRuntimeMessage()
    {
        var (code, _, stderr) = await RunAsync(["/usr/bin/nope", "x"]);

        Assert.Equal(127, code);
        Assert.Equal("exec: \"/usr/bin/nope\": executable file not found in $PATH\n", stderr);
    }

    [Fact]
    public async Task Bytes_WithSuffix_WritesThatManyPatternBytes()
    {
        var (code, stdout, _) = await RunAsync(["bytes", "1K"]);

        Assert.Equal(0, code);
        Assert.Equal(1024, stdout.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat(Encoding.ASCII.GetString(DeterministicBytes.Pattern), 16)), stdout);
    }

    [Fact]
    public async Task Cat_WithStdin_CopiesItAll()
    {
        var (code, stdout, _) = await RunAsync(["cat"], stdin: "one\ntwo\n");

        Assert.Equal(0, code);
        Assert.Equal("one\ntwo\n", stdout);
    }

    [Fact]
    public async Task ShellPipeline_ReaderEndsFirst_WriterStopsWithBrokenPipe()
    {
        // head-like: "exit 0" reads nothing, so "bytes" would block on a full pipe without the broken-pipe rule.
        var (code, stdout, _) = await RunAsync(["sh", "-c", "bytes 10M | exit 0; echo done"]);

        Assert.Equal(0, code);
        Assert.Equal("done\n", stdout);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] argv, string stdin = "")
    {
        var stdout = new CapturingSink();
        var stderr = new CapturingSink();
        var io = new CommandIo(new MemoryStream(Encoding.UTF8.GetBytes(stdin)), stdout, stderr, Terminal: null);
        var code = await new BuiltInCommands(InterimStreamingHost.Pod, io).RunAsync(argv).WaitAsync(Timeout);
        return (code, stdout.Text, stderr.Text);
    }
}
