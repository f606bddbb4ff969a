using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Ankra.Mesh.KubeSim.Streaming.Spdy;

/// <summary>
/// The uncompressed SPDY/3 name/value block: a 32-bit pair count, then per pair a 32-bit length and
/// the lower-case name, a 32-bit length and the value (several values joined by NUL).
/// </summary>
internal static class SpdyHeaderBlock
{
    /// <summary>Encodes <paramref name="headers"/> (names lower-cased, as moby/spdystream insists).</summary>
    public static byte[] Encode(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var writer = new ArrayBufferWriter<byte>(64);
        WriteUInt32(writer, (uint)headers.Count);
        foreach (var (name, value) in headers)
        {
            WriteString(writer, name.ToLowerInvariant());
            WriteString(writer, value);
        }

        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a block; names compare case-insensitively, repeated values keep the first.</summary>
    public static Dictionary<string, string> Decode(ReadOnlySpan<byte> block)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var count = ReadUInt32(ref block);
        for (var i = 0u; i < count; i++)
        {
            var name = ReadString(ref block);
            var value = ReadString(ref block);
            var first = value.Split('\0')[0];
            headers.TryAdd(name, first);
        }

        return headers;
    }

    private static void WriteUInt32(ArrayBufferWriter<byte> writer, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteUInt32(writer, (uint)length);
        writer.Advance(Encoding.UTF8.GetBytes(value, writer.GetSpan(length)));
    }

    private static uint ReadUInt32(ref ReadOnlySpan<byte> block)
    {
        if (block.Length < 4)
        {
            throw new SpdyProtocolException("header block is truncated");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(block);
        block = block[4..];
        return value;
    }

    private static string ReadString(ref ReadOnlySpan<byte> block)
    {
        var length = ReadUInt32(ref block);
        if (length > (uint)block.Length)
        {
            throw new SpdyProtocolException("header block is truncated");
        }

        var value = Encoding.UTF8.GetString(block[..(int)length]);
        block = block[(int)length..];
        return value;
    }
}
