using System.Threading.Channels;
using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Framing;
using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Tests.Infrastructure;

/// <summary>
/// Speaks the tunnel protocol by hand over a raw NATS connection, so a test can send what a correct
/// peer never would (sequence gaps, duplicates) and see what the real side answers.
/// </summary>
public sealed class FakePeer : IAsyncDisposable
{
    private readonly NatsConnection _connection;
    private readonly List<IAsyncDisposable> _subscriptions = [];

    public FakePeer(TunnelFixture fixture) => _connection = TunnelPair.Connect(fixture, "fake-peer");

    /// <summary>Frames that arrived on subjects this peer listens to.</summary>
    public Channel<TunnelFrame> Received { get; } = Channel.CreateBounded<TunnelFrame>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.Wait });

    public async Task ListenAsync(string subject)
    {
        var sub = await _connection.SubscribeCoreAsync(subject, serializer: ProtobufNatsSerializer<TunnelFrame>.Instance);
        _subscriptions.Add(sub);
        _ = Task.Run(async () =>
        {
            await foreach (var msg in sub.Msgs.ReadAllAsync())
            {
                if (msg.Data is { } frame)
                {
                    await Received.Writer.WriteAsync(frame);
                }
            }
        });
        await _connection.PingAsync();
    }

    /// <summary>Answers the next OpenStream on <paramref name="openSubject"/> with an accept; returns it.</summary>
    public async Task<Task<OpenStream>> AcceptNextOpenAsync(string openSubject, string inboundSubject)
    {
        var sub = await _connection.SubscribeCoreAsync(openSubject, serializer: ProtobufNatsSerializer<OpenStream>.Instance);
        _subscriptions.Add(sub);
        await _connection.PingAsync();
        return Task.Run(async () =>
        {
            var msg = await sub.Msgs.ReadAsync();
            var accepted = new OpenStreamReply { Accepted = new StreamAccepted { InboundSubject = inboundSubject, InitialWindow = 1 << 20 } };
            await msg.ReplyAsync(accepted, serializer: ProtobufNatsSerializer<OpenStreamReply>.Instance);
            return msg.Data!;
        });
    }

    /// <summary>
    /// Plays the agent of <paramref name="pair"/>'s cluster for one GET: sends it through the edge, accepts its open
    /// and answers the response head (data sequence 0). The body's frames are the caller's, to
    /// <c>Open.ReplySubject</c>; <c>Response</c> completes once the edge has the head.
    /// </summary>
    public async Task<(OpenStream Open, Task<HttpResponseMessage> Response)> AcceptGetWithHeadAsync(TunnelPair pair, TimeSpan timeout)
    {
        var inbound = MeshSubjects.SessionInbound(pair.Prefix, "fake");
        await ListenAsync(inbound);
        var opened = await AcceptNextOpenAsync(MeshSubjects.SharedOpen(pair.Prefix), inbound);
        var response = pair.SendAsync(pair.Request(HttpMethod.Get, "/anything"));
        var open = await opened.WaitAsync(timeout);
        await SendAsync(open.ReplySubject, new TunnelFrame { StreamId = open.StreamId, Seq = 0, ResponseHead = new ResponseHead { StatusCode = 200 } });
        return (open, response);
    }

    /// <summary>
    /// Serves opens on <paramref name="openSubject"/>: the first <paramref name="unanswered"/> get no reply at all
    /// (a lost message), later ones are accepted and answered 200 with an empty body. Every open received is kept.
    /// </summary>
    public async Task ServeOpensAsync(string openSubject, string inboundSubject, int unanswered, List<OpenStream> received)
    {
        var sub = await _connection.SubscribeCoreAsync(openSubject, serializer: ProtobufNatsSerializer<OpenStream>.Instance);
        _subscriptions.Add(sub);
        await _connection.PingAsync();
        _ = Task.Run(async () =>
        {
            await foreach (var msg in sub.Msgs.ReadAllAsync())
            {
                var open = msg.Data!;
                lock (received)
                {
                    received.Add(open);
                    if (received.Count <= unanswered)
                    {
                        continue;
                    }
                }

                var accepted = new OpenStreamReply { Accepted = new StreamAccepted { InboundSubject = inboundSubject, InitialWindow = 1 << 20 } };
                await msg.ReplyAsync(accepted, serializer: ProtobufNatsSerializer<OpenStreamReply>.Instance);
                await SendAsync(open.ReplySubject, new TunnelFrame { StreamId = open.StreamId, Seq = 0, ResponseHead = new ResponseHead { StatusCode = 200 } });
                await SendAsync(open.ReplySubject, new TunnelFrame { StreamId = open.StreamId, Seq = 1, End = new End() });
            }
        });
    }

    public async Task<OpenStreamReply> OpenAsync(string subject, OpenStream open)
    {
        var reply = await _connection.RequestAsync(subject, open, requestSerializer: ProtobufNatsSerializer<OpenStream>.Instance,
            replySerializer: ProtobufNatsSerializer<OpenStreamReply>.Instance);
        return reply.Data!;
    }

    public ValueTask SendAsync(string subject, TunnelFrame frame, string? replyTo = null) =>
        _connection.PublishAsync(subject, frame, replyTo: replyTo, serializer: ProtobufNatsSerializer<TunnelFrame>.Instance);

    /// <summary>Waits for the first received frame of <paramref name="kind"/>.</summary>
    public async Task<TunnelFrame> WaitForAsync(TunnelFrame.KindOneofCase kind, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var frame = await Received.Reader.ReadAsync(cts.Token);
            if (frame.KindCase == kind)
            {
                return frame;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sub in _subscriptions)
        {
            await sub.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }
}
