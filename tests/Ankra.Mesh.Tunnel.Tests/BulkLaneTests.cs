using System.Net;
using System.Text;
using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;
using Google.Protobuf;

namespace Ankra.Mesh.Tunnel.Tests;

/// <summary>
/// Two lanes per side: a stream's data moves to the bulk connection after the threshold, announced by its last
/// interactive frame. Bytes stay whole and in order across the switch, both ways, beside small requests.
/// </summary>
[Collection(TunnelCollection.Name)]
public sealed class BulkLaneTests(TunnelFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Send_LargeResponseOverTheBulkLane_ChecksumMatches()
    {
        const long length = 64L * 1024 * 1024;
        await using var pair = await TunnelPair.StartAsync(fixture, bulkLanes: true);

        using var response = await pair.SendAsync(pair.Request(HttpMethod.Get, $"/bytes?length={length}&seed=3"));
        await using var body = await response.Content.ReadAsStreamAsync();
        var (hash, read) = await TestData.HashAsync(body).WaitAsync(Timeout);

        Assert.Equal(length, read);
        Assert.Equal(TestData.ExpectedHash(length, 3), hash);
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task Send_LargeRequestBodyOverTheBulkLane_ChecksumMatches()
    {
        const long length = 20L * 1024 * 1024;
        await using var pair = await TunnelPair.StartAsync(fixture, bulkLanes: true);
        using var request = pair.Request(HttpMethod.Post, "/hash");
        request.Content = new DeterministicContent(length, 9);

        using var response = await pair.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);

        Assert.Equal($"{TestData.ExpectedHash(length, 9)} {length}", text);
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task Send_SmallRequestsBesideLargeOnes_AllComplete()
    {
        const long length = 16L * 1024 * 1024;
        await using var pair = await TunnelPair.StartAsync(fixture, bulkLanes: true);

        var large = Enumerable.Range(0, 3).Select(async i =>
        {
            using var response = await pair.SendAsync(pair.Request(HttpMethod.Get, $"/bytes?length={length}&seed={i}"));
            await using var body = await response.Content.ReadAsStreamAsync();
            return (i, await TestData.HashAsync(body).WaitAsync(Timeout));
        }).ToList();
        var small = Enumerable.Range(0, 50).Select(async i =>
        {
            using var response = await pair.SendAsync(pair.Request(HttpMethod.Get, $"/echo/small/{i}"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync().WaitAsync(Timeout));
        }).ToList();

        foreach (var (i, (hash, read)) in await Task.WhenAll(large).WaitAsync(Timeout))
        {
            Assert.Equal(length, read);
            Assert.Equal(TestData.ExpectedHash(length, i), hash);
        }

        Assert.All(await Task.WhenAll(small).WaitAsync(Timeout), answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task EdgeRead_BulkFrameOvertakesTheSwitch_WaitsAndKeepsTheOrder()
    {
        await using var pair = await TunnelPair.StartAsync(fixture, agents: 0, bulkLanes: true);
        await using var agent = new FakePeer(fixture);
        var (open, sending) = await agent.AcceptGetWithHeadAsync(pair, Timeout);
        var bulk = MeshSubjects.BulkLane(open.ReplySubject);
        // The bulk lane is faster: its frames arrive before the interactive lane's switch frame.
        await agent.SendAsync(bulk, Data(open.StreamId, 2, " then the bulk lane", bulkFollows: false));
        await agent.SendAsync(open.ReplySubject, Data(open.StreamId, 1, "first the interactive lane", bulkFollows: true));
        await agent.SendAsync(bulk, new TunnelFrame { StreamId = open.StreamId, Seq = 3, End = new End() });
        using var response = await sending.WaitAsync(Timeout);

        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);

        Assert.Equal("first the interactive lane then the bulk lane", text);
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task EdgeRead_EndAndResetOnTheBulkLaneBeforeTheSwitch_DeliversTheWholeBody()
    {
        await using var pair = await TunnelPair.StartAsync(fixture, agents: 0, bulkLanes: true);
        await using var agent = new FakePeer(fixture);
        var (open, sending) = await agent.AcceptGetWithHeadAsync(pair, Timeout);
        var bulk = MeshSubjects.BulkLane(open.ReplySubject);
        // The agent finished on the bulk lane and reset behind its End (the rest of a request body was not needed);
        // all of it overtakes the interactive lane's switch frame.
        await agent.SendAsync(bulk, Data(open.StreamId, 2, " and its end", bulkFollows: false));
        await agent.SendAsync(bulk, new TunnelFrame { StreamId = open.StreamId, Seq = 3, End = new End() });
        await agent.SendAsync(bulk, new TunnelFrame { StreamId = open.StreamId, Reset = new Reset { Reason = ResetReason.Cancelled, Message = "request body not needed" } });
        await agent.SendAsync(open.ReplySubject, Data(open.StreamId, 1, "the body", bulkFollows: true));
        using var response = await sending.WaitAsync(Timeout);

        var text = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);

        Assert.Equal("the body and its end", text);
        await pair.AssertNoStreamsLeftAsync();
    }

    private static TunnelFrame Data(string streamId, ulong seq, string text, bool bulkFollows) =>
        new() { StreamId = streamId, Seq = seq, Data = new Data { Payload = ByteString.CopyFrom(text, Encoding.ASCII), BulkLaneFollows = bulkFollows } };
}
