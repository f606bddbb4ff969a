using System.Text;
using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;
using Google.Protobuf;

namespace Ankra.Mesh.Tunnel.Tests;

/// <summary>A hand-driven peer sends gaps and duplicates; the real side must reset, never pass on wrong bytes.</summary>
[Collection(TunnelCollection.Name)]
public sealed class SequenceTests(TunnelFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1UL)] // duplicate of the previous Data frame
    [InlineData(3UL)] // gap: frame 2 never came
    public async Task EdgeRead_FrameOutOfSequence_ResetsAndDeliversOnlyInOrderBytes(ulong badSeq)
    {
        await using var pair = await TunnelPair.StartAsync(fixture, agents: 0);
        await using var agent = new FakePeer(fixture);
        var (open, sending) = await agent.AcceptGetWithHeadAsync(pair, Timeout);
        await agent.SendAsync(open.ReplySubject, Data(open.StreamId, 1, "abc"));
        await agent.SendAsync(open.ReplySubject, Data(open.StreamId, badSeq, "XYZ"));
        using var response = await sending;
        var body = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();

        var failure = await Assert.ThrowsAsync<TunnelException>(() => body.CopyToAsync(received).WaitAsync(Timeout));
        var reset = await agent.WaitForAsync(TunnelFrame.KindOneofCase.Reset, Timeout);

        Assert.Equal(TunnelFailure.ProtocolError, failure.Failure);
        Assert.Equal("abc", Encoding.ASCII.GetString(received.ToArray()));
        Assert.Equal(ResetReason.ProtocolError, reset.Reset.Reason);
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task AgentRead_RequestBodyFrameGap_ResetsTheStream()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        await using var edge = new FakePeer(fixture);
        var edgeInbound = MeshSubjects.EdgeInbound(pair.Prefix, "fake-edge");
        await edge.ListenAsync(edgeInbound);
        var open = new OpenStream
        {
            StreamId = SubjectToken.NewId(),
            ReplySubject = edgeInbound,
            InitialWindow = 1 << 20,
            Head = new RequestHead { Method = "POST", PathAndQuery = "/hash" },
        };

        var reply = await edge.OpenAsync(MeshSubjects.SharedOpen(pair.Prefix), open).WaitAsync(Timeout);
        await edge.SendAsync(reply.Accepted.InboundSubject, Data(open.StreamId, 0, "abc"), edgeInbound);
        await edge.SendAsync(reply.Accepted.InboundSubject, Data(open.StreamId, 2, "def"), edgeInbound);
        var reset = await edge.WaitForAsync(TunnelFrame.KindOneofCase.Reset, Timeout);

        Assert.Equal(ResetReason.ProtocolError, reset.Reset.Reason);
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task Open_AgentNamesAnotherClustersSubject_RequestFailsAndNoBodyIsSentThere()
    {
        await using var pair = await TunnelPair.StartAsync(fixture, agents: 0);
        await using var agent = new FakePeer(fixture);
        var foreign = MeshSubjects.SessionInbound(MeshSubjects.ClusterPrefix("victim"), "s-0");
        await agent.ListenAsync(foreign);
        var opened = await agent.AcceptNextOpenAsync(MeshSubjects.SharedOpen(pair.Prefix), foreign);
        using var request = pair.Request(HttpMethod.Post, "/echo/x");
        request.Content = new StringContent("secret body");

        var failure = await Assert.ThrowsAsync<TunnelException>(() => pair.SendAsync(request));
        await opened.WaitAsync(Timeout);

        Assert.Equal(TunnelFailure.ProtocolError, failure.Failure);
        Assert.False(agent.Received.Reader.TryRead(out _));
        await pair.AssertNoStreamsLeftAsync();
    }

    private static TunnelFrame Data(string streamId, ulong seq, string text) =>
        new() { StreamId = streamId, Seq = seq, Data = new Data { Payload = ByteString.CopyFromUtf8(text) } };
}
