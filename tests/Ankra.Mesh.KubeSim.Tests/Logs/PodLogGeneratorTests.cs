using System.Text;
using Ankra.Mesh.KubeSim.Logs;

namespace Ankra.Mesh.KubeSim.Tests.Logs;

/// <summary>The deterministic log: same pod, container and index give the same bytes, at a predictable time.</summary>
public sealed class PodLogGeneratorTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_SameIndex_SameBytesOfConfiguredSize()
    {
        var one = new PodLogGenerator("web", "app", Start, 10, 100);
        var two = new PodLogGenerator("web", "app", Start.AddHours(1), 10, 100);

        var a = Line(one, 42, false);
        var b = Line(two, 42, false);

        Assert.Equal(a, b);
        Assert.Equal(100, Encoding.ASCII.GetByteCount(a));
        Assert.StartsWith("web app line 00000042 ", a, StringComparison.Ordinal);
        Assert.EndsWith("\n", a, StringComparison.Ordinal);
    }

    [Fact]
    public void AvailableAt_Rate_CountsLinesWrittenSoFar()
    {
        var generator = new PodLogGenerator("web", "app", Start, 4, 64);

        Assert.Equal(0, generator.AvailableAt(Start.AddSeconds(-1)));
        Assert.Equal(1, generator.AvailableAt(Start));
        Assert.Equal(11, generator.AvailableAt(Start.AddSeconds(2.5)));
        Assert.Equal(8, generator.FirstAtOrAfter(Start.AddSeconds(2)));
    }

    [Fact]
    public void Write_Timestamps_PrefixesRfc3339NanoTimeOfTheLine()
    {
        var generator = new PodLogGenerator("web", "app", Start, 4, 64);

        var line = Line(generator, 6, true);

        Assert.StartsWith("2026-01-01T00:00:01.500000000Z web app line 00000006 ", line, StringComparison.Ordinal);
    }

    private static string Line(PodLogGenerator generator, long index, bool timestamps)
    {
        var buffer = new byte[generator.MaxLineBytes];
        var length = generator.Write(index, timestamps, buffer);
        return Encoding.ASCII.GetString(buffer, 0, length);
    }
}
