using System.Text;
using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;
using Google.Protobuf;

namespace Ankra.Mesh.Tunnel.Tests;

/// <summary>
/// The stream states (open, half-closed, closed) seen from the edge, driven by a hand-made agent: what a
/// credit or a reset means once the peer's End has arrived. A large `kubectl get` once lost its tail here.
/// </summary>
[Collection(TunnelCollection.Name)]
public sealed class StreamStateTests(TunnelFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EdgeRead_ResetAfterTheAgentsEnd_DeliversTheWholeBodyAndEndsCleanly(bool endInData)
    {
        await using var pair = await TunnelPair.StartAsync(fixture, agents: 0);
        await using var agent = new FakePeer(fixture);
        var (open, sending) = await agent.AcceptGetWithHeadAsync(pair, Timeout);
        await agent.SendAsync(open.ReplySubject, Data(open.StreamId, 1, "the whole body", endInData));
        if (!endInData)
        {
            await agent.SendAsync(open.ReplySubject, new TunnelFrame { StreamId = open.StreamId, Seq = 2, End = new End() });
        }

        // The agent finished, forgot the stream and answers a late frame: "no such stream".
        await agent.SendAsync(open.ReplySubject, new TunnelFrame { StreamId = open.StreamId, Reset = new Reset { Reason = ResetReason.UnknownStream, Message = "no such stream" } });
        await PongAfterAsync(agent, open);
        using var response = await sending.WaitAsync(Timeout);
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        await body.CopyToAsync(received).WaitAsync(Timeout);

        Assert.Equal("the whole body", Encoding.ASCII.GetString(received.ToArray()));
        // Proxies read once more after the end (YARP's zero-byte read, then a real one): still the end.
        Assert.Equal(0, await body.ReadAsync(new byte[16]).AsTask().WaitAsync(Timeout));
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task EdgeRead_AgentsEndAlreadyArrived_SendsNoCreditWhileReadingTheRest()
    {
        await using var pair = await TunnelPair.StartAsync(fixture, agents: 0);
        await using var agent = new FakePeer(fixture);
        // More than a quarter of the edge's window: reading it would grant credit if the End were not known.
        var chunks = (pair.Options.WindowSize / 2) / pair.Options.ChunkSize;
        var chunk = new string('x', pair.Options.ChunkSize);

        var (open, sending) = await agent.AcceptGetWithHeadAsync(pair, Timeout);
        for (var i = 0; i < chunks; i++)
        {
            await agent.SendAsync(open.ReplySubject, Data(open.StreamId, (ulong)i + 1, chunk, endOfStream: i == chunks - 1));
        }

        await PongAfterAsync(agent, open);
        using var response = await sending.WaitAsync(Timeout);
        var bytes = await response.Content.ReadAsByteArrayAsync().WaitAsync(Timeout);

        Assert.Equal(chunks * pair.Options.ChunkSize, bytes.Length);
        await pair.AssertNoStreamsLeftAsync();
        Assert.DoesNotContain(Drain(agent), frame => frame.KindCase == TunnelFrame.KindOneofCase.WindowUpdate);
    }

    // A Ping after the other frames (the first of the control class, so sequence 0): its Pong proves the edge
    // has taken everything sent before it on the same lane.
    private static async Task PongAfterAsync(FakePeer agent, OpenStream open)
    {
        await agent.SendAsync(open.ReplySubject, new TunnelFrame { StreamId = open.StreamId, Seq = 0, Ping = new Ping { Nonce = 7 } });
        await agent.WaitForAsync(TunnelFrame.KindOneofCase.Pong, Timeout);
    }

    private static List<TunnelFrame> Drain(FakePeer peer)
    {
        var frames = new List<TunnelFrame>();
        while (peer.Received.Reader.TryRead(out var frame))
        {
            frames.Add(frame);
        }

        return frames;
    }

    private static TunnelFrame Data(string streamId, ulong seq, string text, bool endOfStream) =>
        new() { StreamId = streamId, Seq = seq, Data = new Data { Payload = ByteString.CopyFromUtf8(text), EndOfStream = endOfStream } };
}
