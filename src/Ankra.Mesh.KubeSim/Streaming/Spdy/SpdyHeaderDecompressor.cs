using System.Buffers;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace Ankra.Mesh.KubeSim.Streaming.Spdy;

/// <summary>
/// The receiving side of the per-connection zlib context: one inflater for the whole connection,
/// primed with the SPDY/3 dictionary when the stream asks for it (FDICT). The peer sync-flushes
/// after every block, so each frame's bytes inflate completely. Called only from the read loop.
/// </summary>
internal sealed class SpdyHeaderDecompressor
{
    // A header block that inflates beyond this is not something kubectl sends; refuse it.
    private const int MaxBlockLength = 256 * 1024;

    private readonly Inflater _inflater = new(noHeader: false);
    private readonly byte[] _chunk = new byte[4096];

    /// <summary>Inflates the compressed bytes of one frame's header block.</summary>
    public byte[] Decompress(ReadOnlyMemory<byte> compressed)
    {
        var input = compressed.ToArray();
        _inflater.SetInput(input);
        var output = new ArrayBufferWriter<byte>(256);
        try
        {
            while (true)
            {
                var count = _inflater.Inflate(_chunk);
                if (count > 0)
                {
                    _chunk.AsSpan(0, count).CopyTo(output.GetSpan(count));
                    output.Advance(count);
                    if (output.WrittenCount > MaxBlockLength)
                    {
                        throw new SpdyProtocolException("header block inflates beyond the limit");
                    }

                    continue;
                }

                if (_inflater.IsNeedingDictionary)
                {
                    _inflater.SetDictionary(SpdyHeaderDictionary.Bytes.ToArray());
                    continue;
                }

                if (_inflater.IsNeedingInput || _inflater.IsFinished)
                {
                    break;
                }
            }
        }
        catch (SharpZipBaseException exception)
        {
            throw new SpdyProtocolException($"header block does not inflate: {exception.Message}");
        }

        return output.WrittenSpan.ToArray();
    }
}
