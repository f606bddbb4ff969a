using System.Text;
using Ankra.Mesh.KubeSim.Streaming.Exec;
using Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;
using Ankra.Mesh.KubeSim.Streaming.Exec.Tar;
using Ankra.Mesh.KubeSim.Streaming.RemoteCommand;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>The built-in tar and file commands on an in-memory pod file system, without a transport.</summary>
public sealed class TarCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("-xmf - -C /tmp", 'x', "/tmp", true, false)]
    [InlineData("--no-same-permissions --no-same-owner -xmf - -C /tmp/a", 'x', "/tmp/a", true, true)]
    [InlineData("cf - /tmp/remote.bin", 'c', "/", false, false)]
    [InlineData("-C/tmp --extract --file=-", 'x', "/tmp", false, false)]
    public void Parse_KubectlCommandLines_ReadsModeDirectoryAndFlags(string line, char mode, string directory, bool touch, bool noSamePermissions)
    {
        var (options, error) = TarOptions.Parse(line.Split(' '));

        Assert.Null(error);
        Assert.Equal((mode, directory, touch, noSamePermissions), (options!.Mode, options.Directory, options.Touch, options.NoSamePermissions));
    }

    [Theory]
    [InlineData("--bogus -xf -", "tar: unrecognized option '--bogus'\n")]
    [InlineData("-xzf -", "tar: invalid option -- 'z'\n")]
    [InlineData("-f -", "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\n")]
    public async Task Run_UnknownOrMissingOption_Exits2WithGnuMessage(string line, string expectedFirstLine)
    {
        var (code, _, stderr) = await RunAsync(new PodFileSystem(), ["tar", .. line.Split(' ')]);

        Assert.Equal(2, code);
        Assert.StartsWith(expectedFirstLine, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateThenExtract_NameOver100Bytes_RoundTripsThroughGnuLongLink()
    {
        var source = new PodFileSystem();
        var directory = "/tmp/" + new string('d', 80);
        var path = directory + "/" + new string('f', 80) + ".txt";
        source.CreateDirectory(directory, parents: true);
        source.Append(source.CreateFile(path, (UnixFileMode)0b110_100_100), "long name\n"u8);

        var (created, archive, createErrors) = await RunAsync(source, ["tar", "cf", "-", "/tmp"]);
        var target = new PodFileSystem();
        var (extracted, _, _) = await RunAsync(target, ["tar", "-xmf", "-", "-C", "/tmp"], archive);
        var (_, content, _) = await RunAsync(target, ["cat", "/tmp" + path]);

        Assert.Equal((0, 0), (created, extracted));
        Assert.Equal("tar: Removing leading `/' from member names\n", createErrors);
        Assert.Contains("././@LongLink", Encoding.ASCII.GetString(archive), StringComparison.Ordinal);
        Assert.Equal("long name\n", Encoding.UTF8.GetString(content));
    }

    [Fact]
    public async Task Extract_PastCapacity_Exits1WithNoSpaceAndRemovesThePartialFile()
    {
        var source = new PodFileSystem();
        source.Append(source.CreateFile("/tmp/big.bin", (UnixFileMode)0b110_100_100), new byte[300_000]);
        source.Append(source.CreateFile("/tmp/small.txt", (UnixFileMode)0b110_100_100), "fits\n"u8);
        var (_, archive, _) = await RunAsync(source, ["tar", "cf", "-", "-C", "/tmp", "big.bin", "small.txt"]);
        var target = new PodFileSystem(capacityBytes: 200_000);

        var (code, _, stderr) = await RunAsync(target, ["tar", "-xf", "-", "-C", "/tmp"], archive);
        var (exists, _, _) = await RunAsync(target, ["test", "-e", "/tmp/big.bin"]);

        Assert.Equal(1, code);
        Assert.Equal("tar: big.bin: Cannot write: No space left on device\ntar: Exiting with failure status due to previous errors\n", stderr);
        Assert.Equal(1, exists);
        Assert.Equal(5, target.UsedBytes); // small.txt, after the failed member, was still extracted
    }

    private static async Task<(int Code, byte[] Stdout, string Stderr)> RunAsync(PodFileSystem files, string[] argv, byte[]? stdin = null)
    {
        var stdout = new CapturingSink();
        var stderr = new CapturingSink();
        var io = new CommandIo(new MemoryStream(stdin ?? []), stdout, stderr, Terminal: null);
        var pod = InterimStreamingHost.Pod with { Files = files };
        var code = await new BuiltInCommands(pod, io).RunAsync(argv).WaitAsync(Timeout);
        return (code, stdout.Bytes, stderr.Text);
    }
}
