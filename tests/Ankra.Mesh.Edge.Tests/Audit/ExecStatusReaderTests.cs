using System.Text;
using Ankra.Mesh.Edge.Audit;

namespace Ankra.Mesh.Edge.Tests.Audit;

/// <summary>The exit code of an exec, read from the API server's side of a WebSocket channel protocol session.</summary>
public sealed class ExecStatusReaderTests
{
    private const string NonZero =
        """{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}""";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Observe_StdoutThenNonZeroStatus_AnyWriteSizes_ReadsTheExitCode(int writeSize)
    {
        var session = Concat(
            Frame(2, [1, .. Encoding.UTF8.GetBytes("hello\n")]),
            Frame(2, [2, .. new byte[300]]),              // stderr with a 16-bit length
            Frame(9, []),                                 // a ping between messages
            Frame(2, [3, .. Encoding.UTF8.GetBytes(NonZero)]));
        var reader = new ExecStatusReader();

        for (var offset = 0; offset < session.Length; offset += writeSize)
        {
            reader.Observe(session.AsSpan(offset, Math.Min(writeSize, session.Length - offset)));
        }

        Assert.Equal(3, reader.ExitCode);
    }

    [Fact]
    public void Observe_SuccessStatus_ExitCodeZero()
    {
        var reader = new ExecStatusReader();

        reader.Observe(Frame(2, [3, .. Encoding.UTF8.GetBytes("""{"metadata":{},"status":"Success"}""")]));

        Assert.Equal(0, reader.ExitCode);
    }

    [Fact]
    public void Observe_StatusFragmentedOverContinuationFrames_ReadsTheExitCode()
    {
        var json = Encoding.UTF8.GetBytes(NonZero);
        var reader = new ExecStatusReader();

        reader.Observe(Concat(
            Frame(2, [3, .. json[..20]], final: false),
            Frame(10, []),                                // a pong inside the fragmented message
            Frame(0, json[20..], final: true)));

        Assert.Equal(3, reader.ExitCode);
    }

    [Fact]
    public void Observe_StdoutThatLooksLikeAStatus_NoExitCode()
    {
        var reader = new ExecStatusReader();

        reader.Observe(Frame(2, [1, .. Encoding.UTF8.GetBytes("""{"status":"Success"}""")]));

        Assert.Null(reader.ExitCode);
    }

    [Fact]
    public void Observe_LargeStdoutWith64BitLength_SkippedWithoutBuffering()
    {
        var reader = new ExecStatusReader();
        var big = new byte[70_000];
        big[0] = 1;

        reader.Observe(Concat(Frame(2, big), Frame(2, [3, .. Encoding.UTF8.GetBytes("""{"status":"Success"}""")])));

        Assert.Equal(0, reader.ExitCode);
    }

    private static byte[] Frame(int opcode, byte[] payload, bool final = true)
    {
        var header = new List<byte> { (byte)((final ? 0x80 : 0) | opcode) };
        if (payload.Length < 126)
        {
            header.Add((byte)payload.Length);
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header.AddRange([126, (byte)(payload.Length >> 8), (byte)payload.Length]);
        }
        else
        {
            header.Add(127);
            header.AddRange(BitConverter.GetBytes((ulong)payload.Length).Reverse());
        }

        return [.. header, .. payload];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
