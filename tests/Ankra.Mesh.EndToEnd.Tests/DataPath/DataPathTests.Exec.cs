using System.Security.Cryptography;

namespace Ankra.Mesh.EndToEnd.Tests.DataPath;

/// <summary>Bulk bytes over exec: <c>kubectl cp</c> both ways through the mesh (SPDY on 1.27, WebSocket on 1.33).</summary>
public sealed partial class DataPathTests
{
    private static readonly TimeSpan FileTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("1.27")]
    [InlineData("1.33")]
    public async Task KubectlCp_EightMegabytesUpAndBack_SameBytes(string version)
    {
        var local = Directory.CreateTempSubdirectory("mesh-cp-");
        try
        {
            var bytes = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
            var original = Path.Combine(local.FullName, "up.bin");
            var back = Path.Combine(local.FullName, "back.bin");
            var remote = $"web-0:/tmp/cp-{version.Replace(".", "-", StringComparison.Ordinal)}.bin";
            await File.WriteAllBytesAsync(original, bytes).WaitAsync(FileTimeout);

            var up = await fixture.Stack.KubectlAsync(version, "cp", original, remote);
            var down = await fixture.Stack.KubectlAsync(version, "cp", remote, back);

            Assert.True(up.ExitCode == 0, up.ToString());
            Assert.True(down.ExitCode == 0, down.ToString());
            var copied = await File.ReadAllBytesAsync(back).WaitAsync(FileTimeout);
            Assert.True(bytes.AsSpan().SequenceEqual(copied), $"the copy back differs: {copied.Length} bytes, expected {bytes.Length}");
        }
        finally
        {
            local.Delete(recursive: true);
        }
    }
}
