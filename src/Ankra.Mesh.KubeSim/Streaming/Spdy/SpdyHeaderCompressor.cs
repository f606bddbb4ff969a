using System.Buffers.Binary;

namespace Ankra.Mesh.KubeSim.Streaming.Spdy;

/// <summary>
/// The sending side of the per-connection zlib context for header blocks. Each block is emitted as a
/// deflate <em>stored</em> block followed by the empty stored block a Z_SYNC_FLUSH ends with
/// (<c>00 00 00 ff ff</c>): a valid zlib stream (announcing the SPDY/3 dictionary id, as Go's
/// <c>zlib.NewReaderDict</c> requires) that ends byte-aligned with every frame, without needing a
/// deflater that can sync-flush with a preset dictionary. The trailing empty block matters: Go's
/// inflater hands out a stored block's bytes only when the next block begins, so without it the
/// reader would wait for bytes beyond the frame and fail. Our header blocks are a few bytes (empty
/// SYN_REPLYs), so compression would gain nothing.
/// Not thread-safe: the frame writer calls it under its write lock.
/// </summary>
internal sealed class SpdyHeaderCompressor
{
    private static readonly uint DictionaryId = Adler32(SpdyHeaderDictionary.Bytes);

    private bool _headerWritten;

    // An empty, non-final stored block: BFINAL/BTYPE byte, LEN 0, NLEN 0xffff.
    private static ReadOnlySpan<byte> SyncFlushMarker => [0x00, 0x00, 0x00, 0xff, 0xff];

    /// <summary>Returns the compressed form of one uncompressed name/value block.</summary>
    public byte[] Compress(ReadOnlySpan<byte> block)
    {
        // A stored block holds at most 65535 bytes; header blocks here are far smaller.
        if (block.Length > ushort.MaxValue)
        {
            throw new SpdyProtocolException("header block too large");
        }

        var prefix = _headerWritten ? 0 : 6;
        var output = new byte[prefix + 5 + block.Length + 5];
        if (!_headerWritten)
        {
            // CMF 0x78 (deflate, 32 KiB window); FLG 0xBB sets FDICT and makes CMF*256+FLG a multiple of 31.
            output[0] = 0x78;
            output[1] = 0xBB;
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(2), DictionaryId);
            _headerWritten = true;
        }

        var span = output.AsSpan(prefix);
        span[0] = 0x00; // BFINAL = 0, BTYPE = 00 (stored); the rest of the byte is padding.
        BinaryPrimitives.WriteUInt16LittleEndian(span[1..], (ushort)block.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[3..], (ushort)~block.Length);
        block.CopyTo(span[5..]);
        SyncFlushMarker.CopyTo(span[(5 + block.Length)..]);
        return output;
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Modulus = 65521;
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % Modulus;
            b = (b + a) % Modulus;
        }

        return (b << 16) | a;
    }
}
