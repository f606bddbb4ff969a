using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;

namespace Ankra.Mesh.KubeSim.Tests.Kubectl;

/// <summary>
/// kubectl cp both ways: kubectl runs <c>test -d</c>, then <c>tar -xmf - -C DIR</c> (upload) or
/// <c>tar cf - PATH</c> (download) in the pod, which the built-in tar serves from the pod's in-memory files.
/// </summary>
public sealed class KubectlCopyTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>, IDisposable
{
    private static readonly TimeSpan FileTimeout = TimeSpan.FromSeconds(10);

    private readonly DirectoryInfo _local = Directory.CreateTempSubdirectory("kubesim-cp-");

    public void Dispose() => _local.Delete(recursive: true);

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task Cp_RandomFileUpAndBack_ReturnsTheSameBytes(string version)
    {
        var pod = SeedPod($"cp-file-{Suffix(version)}");
        var bytes = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        var original = LocalPath("local.bin");
        await File.WriteAllBytesAsync(original, bytes).WaitAsync(FileTimeout);

        (await cluster.RunAsync(version, ["cp", original, $"default/{pod}:/tmp/remote.bin"])).Succeeded();
        (await cluster.RunAsync(version, ["cp", $"default/{pod}:/tmp/remote.bin", LocalPath("back.bin")])).Succeeded();

        var back = await File.ReadAllBytesAsync(LocalPath("back.bin")).WaitAsync(FileTimeout);
        Assert.True(bytes.AsSpan().SequenceEqual(back), $"the copy back differs: {back.Length} bytes, expected {bytes.Length}");
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task Cp_DirectoryUpAndBack_KeepsTreeAndContents(string version)
    {
        var pod = SeedPod($"cp-tree-{Suffix(version)}");
        // A path over 100 bytes needs a long-name entry (PAX from kubectl, GNU ././@LongLink from our tar).
        var deep = Path.Combine("tree", "sub", new string('d', 60), new string('f', 70) + ".txt");
        var tree = new Dictionary<string, byte[]>
        {
            [Path.Combine("tree", "a.txt")] = "hello\n"u8.ToArray(),
            [Path.Combine("tree", "empty")] = [],
            [Path.Combine("tree", "sub", "b.bin")] = RandomNumberGenerator.GetBytes(100_000),
            [deep] = "deep\n"u8.ToArray(),
        };
        foreach (var (path, content) in tree)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(LocalPath(path))!);
            await File.WriteAllBytesAsync(LocalPath(path), content).WaitAsync(FileTimeout);
        }

        (await cluster.RunAsync(version, ["cp", LocalPath("tree"), $"default/{pod}:/tmp/tree"])).Succeeded();
        var listing = (await cluster.RunAsync(version, ["exec", pod, "--", "ls", "/tmp/tree/sub"])).Succeeded();
        (await cluster.RunAsync(version, ["cp", $"default/{pod}:/tmp/tree", LocalPath("back")])).Succeeded();

        Assert.Equal(["b.bin", new string('d', 60)], listing.Lines);
        foreach (var (path, content) in tree)
        {
            var copied = LocalPath(Path.Combine("back", Path.GetRelativePath("tree", path)));
            Assert.True(File.Exists(copied), $"{copied} was not copied back");
            Assert.Equal(content, await File.ReadAllBytesAsync(copied).WaitAsync(FileTimeout));
        }
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task Cp_FileLargerThanPodSpace_FailsWithNoSpaceAndLeavesSpaceFree(string version)
    {
        var pod = SeedPod($"cp-full-{Suffix(version)}", capacityBytes: 1024 * 1024);
        await File.WriteAllBytesAsync(LocalPath("large.bin"), RandomNumberGenerator.GetBytes(2 * 1024 * 1024)).WaitAsync(FileTimeout);
        await File.WriteAllBytesAsync(LocalPath("small.bin"), RandomNumberGenerator.GetBytes(512 * 1024)).WaitAsync(FileTimeout);

        var full = await cluster.RunAsync(version, ["cp", LocalPath("large.bin"), $"default/{pod}:/tmp/large.bin"]);
        var afterwards = await cluster.RunAsync(version, ["cp", LocalPath("small.bin"), $"default/{pod}:/tmp/small.bin"]);

        Assert.NotEqual(0, full.ExitCode);
        Assert.Contains("tar: large.bin: Cannot write: No space left on device", full.Error, StringComparison.Ordinal);
        afterwards.Succeeded();
    }

    [Fact]
    public async Task Cp_DownloadWithRetries_ServesTarPipedIntoTail()
    {
        // With --retries kubectl downloads through sh -c "tar cf - PATH | tail -c+OFFSET", to resume at OFFSET.
        var pod = SeedPod("cp-retries");
        var bytes = RandomNumberGenerator.GetBytes(1024 * 1024);
        await File.WriteAllBytesAsync(LocalPath("local.bin"), bytes).WaitAsync(FileTimeout);

        (await cluster.RunAsync(KubectlVersions.Newest, ["cp", LocalPath("local.bin"), $"default/{pod}:/tmp/remote.bin"])).Succeeded();
        (await cluster.RunAsync(KubectlVersions.Newest, ["cp", "--retries", "3", $"default/{pod}:/tmp/remote.bin", LocalPath("back.bin")])).Succeeded();

        Assert.Equal(bytes, await File.ReadAllBytesAsync(LocalPath("back.bin")).WaitAsync(FileTimeout));
    }

    [Fact]
    public async Task Cp_PodDeletedAndRecreated_NewPodStartsWithoutTheFile()
    {
        var pod = SeedPod("cp-recreated");
        await File.WriteAllBytesAsync(LocalPath("local.bin"), RandomNumberGenerator.GetBytes(1024)).WaitAsync(FileTimeout);
        (await cluster.RunAsync(KubectlVersions.Newest, ["cp", LocalPath("local.bin"), $"default/{pod}:/tmp/remote.bin"])).Succeeded();
        var before = await cluster.RunAsync(KubectlVersions.Newest, ["exec", pod, "--", "test", "-f", "/tmp/remote.bin"]);

        (await cluster.RunAsync(KubectlVersions.Newest, ["delete", "pod", pod])).Succeeded();
        SeedPod(pod);
        var after = await cluster.RunAsync(KubectlVersions.Newest, ["exec", pod, "--", "test", "-f", "/tmp/remote.bin"]);

        Assert.Equal((0, 1), (before.ExitCode, after.ExitCode));
    }

    private string SeedPod(string name, long? capacityBytes = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = "default" };
        if (capacityBytes is { } bytes)
        {
            metadata["annotations"] = new JsonObject { [PodFileSystems.CapacityAnnotation] = bytes.ToString(CultureInfo.InvariantCulture) };
        }

        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = JsonNode.Parse("""{"containers":[{"name":"app","image":"app:1"}]}"""),
        };
        cluster.Server.Seed(pod.ToJsonString());
        return name;
    }

    private string LocalPath(string relative) => Path.Combine(_local.FullName, relative);

    private static string Suffix(string version) => version.Replace(".", "", StringComparison.Ordinal);
}
