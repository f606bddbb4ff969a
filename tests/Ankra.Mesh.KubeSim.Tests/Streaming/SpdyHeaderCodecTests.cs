using Ankra.Mesh.KubeSim.Streaming.Spdy;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

public sealed class SpdyHeaderCodecTests
{
    // Two consecutive header blocks as zlib (1.2.13, the library Go's framer mirrors) compresses them with
    // the SPDY/3 dictionary and a sync flush after each: {streamtype: error|data, port: 8080, requestid: 0}.
    private const string FirstBlock = "78f9e3c6a7c202253a703a2b294a4dcc851625aca9a0808614cb45e01c6061606100a4398b20d198094ade8c0600000000ffff";
    private const string SecondBlock = "c2aa19540e2512d60b000000ffff";

    [Fact]
    public void Decompress_BlocksFromRealZlib_YieldsKubectlStreamHeaders()
    {
        var decompressor = new SpdyHeaderDecompressor();

        var first = SpdyHeaderBlock.Decode(decompressor.Decompress(Convert.FromHexString(FirstBlock)));
        var second = SpdyHeaderBlock.Decode(decompressor.Decompress(Convert.FromHexString(SecondBlock)));

        Assert.Equal("error", first["streamType"]);
        Assert.Equal("8080", first["port"]);
        Assert.Equal("data", second["streamtype"]);
        Assert.Equal("0", second["requestID"]);
    }

    [Fact]
    public void Compress_ThenDecompress_RoundTripsEveryBlock()
    {
        var compressor = new SpdyHeaderCompressor();
        var decompressor = new SpdyHeaderDecompressor();

        foreach (var value in new[] { "one", "two", "three" })
        {
            var block = SpdyHeaderBlock.Encode([new("streamtype", value)]);
            var headers = SpdyHeaderBlock.Decode(decompressor.Decompress(compressor.Compress(block)));
            Assert.Equal(value, headers["streamtype"]);
        }
    }
}
