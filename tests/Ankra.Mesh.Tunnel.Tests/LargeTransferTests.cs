using System.Net;
using Ankra.Mesh.Tunnel.Framing;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ankra.Mesh.Tunnel.Tests;

[Collection(TunnelCollection.Name)]
public sealed class LargeTransferTests(TunnelFixture fixture, ITestOutputHelper output)
{
    private const long ResponseBytes = 200L * 1024 * 1024;
    private const long RequestBytes = 50L * 1024 * 1024;

    [Fact]
    public async Task Send_200MbResponse_ChecksumMatchesAndStreamMemoryStaysWithinWindow()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        using var request = pair.Request(HttpMethod.Get, $"/bytes?length={ResponseBytes}&seed=7");

        using var response = await pair.SendAsync(request, CancellationToken.None);
        await using var body = await response.Content.ReadAsStreamAsync();
        var (hash, length) = await TestData.HashAsync(body).WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResponseBytes, response.Content.Headers.ContentLength);
        Assert.Equal(ResponseBytes, length);
        Assert.Equal(TestData.ExpectedHash(ResponseBytes, 7), hash);
        await pair.AssertNoStreamsLeftAsync();
        var peak = pair.Handler.PeakBufferedBytesPerStream;
        output.WriteLine($"edge: peak bytes held for one 200 MB response stream = {peak} (window {pair.Options.WindowSize})");
        Assert.InRange(peak, 1, pair.Options.WindowSize);
    }

    [Fact]
    public async Task Send_50MbRequestBody_ChecksumMatchesAndStreamMemoryStaysWithinWindow()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        using var request = pair.Request(HttpMethod.Post, "/hash");
        request.Content = new DeterministicContent(RequestBytes, 11);

        using var response = await pair.SendAsync(request, CancellationToken.None);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{TestData.ExpectedHash(RequestBytes, 11)} {RequestBytes}", text);
        await pair.AssertNoStreamsLeftAsync();
        var peak = pair.Agent.PeakBufferedBytesPerStream;
        output.WriteLine($"agent: peak bytes held for one 50 MB request stream = {peak} (window {pair.Options.WindowSize})");
        Assert.InRange(peak, 1, pair.Options.WindowSize);
    }

    [Fact]
    public async Task Send_BodyWithoutLength_ArrivesChunkedAndComplete()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        using var request = pair.Request(HttpMethod.Post, "/hash");
        var size = (3 * FrameCost.DataOverhead) + (5 * pair.Options.ChunkSize) + 17;
        request.Content = new StreamContent(new UnknownLengthStream(size));

        using var response = await pair.SendAsync(request, CancellationToken.None);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal($"{TestData.ExpectedHash(size, 3)} {size}", text);
        await pair.AssertNoStreamsLeftAsync();
    }

    /// <summary>A read-only stream of deterministic bytes that does not report its length.</summary>
    private sealed class UnknownLengthStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(Math.Min(count, 7000), length - _position);
            TestData.Fill(buffer.AsSpan(offset, n), _position, 3);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
