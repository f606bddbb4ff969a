using System.Net;
using System.Text;
using Ankra.Mesh.Tunnel.Edge.Resume;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ankra.Mesh.Tunnel.Tests;

/// <summary>How a <c>logs -f</c> is made resumable, and that a resumed one hands out every line once, in order.</summary>
public sealed class LogFollowResumptionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("/api/v1/namespaces/demo/pods/web-0/log?follow=true", false)]
    [InlineData("/api/v1/namespaces/demo/pods/web-0/log?follow=true&timestamps=true&container=web", true)]
    public void Prepare_FollowedLog_AsksForTimestampsAndSaysWhetherTheClientDid(string path, bool clientAsked)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://agent" + path));
        Assert.Equal(clientAsked, LogFollowResumption.Prepare(request));
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
        Assert.Equal("true", query["timestamps"]);
        Assert.Equal("true", query["follow"]);
    }

    [Theory]
    [InlineData("GET", "/api/v1/namespaces/demo/pods/web-0/log")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods/web-0/log?follow=false")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods/web-0/log?follow=true&limitBytes=100")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods/web-0/exec?follow=true")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods?follow=true")]
    [InlineData("POST", "/api/v1/namespaces/demo/pods/web-0/log?follow=true")]
    public void Prepare_AnythingElse_LeftUnchanged(string method, string path)
    {
        var uri = new Uri("https://agent" + path);
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        Assert.Null(LogFollowResumption.Prepare(request));
        Assert.Equal(uri, request.RequestUri);
    }

    [Fact]
    public void From_Stamp_ContinuesThereWithoutTailOrSinceSeconds()
    {
        var prepared = new Uri("https://agent/api/v1/namespaces/demo/pods/web-0/log?follow=true&timestamps=true&tailLines=10&sinceSeconds=60&container=web");
        var query = System.Web.HttpUtility.ParseQueryString(LogFollowResumption.From(prepared, "2026-11-30T14:00:05.1234Z").Query);
        Assert.Equal("2026-11-30T14:00:05.1234Z", query["sinceTime"]);
        Assert.Null(query["tailLines"]);
        Assert.Null(query["sinceSeconds"]);
        Assert.Equal("web", query["container"]);
        Assert.Equal(prepared, LogFollowResumption.From(prepared, null));
    }

    [Fact]
    public void Parse_StampsOfDifferentPrecision_OrderAsTheTimesDo()
    {
        var shorter = LogTimestamp.Parse("2026-11-30T14:00:05.1Z a"u8);
        var longer = LogTimestamp.Parse("2026-11-30T14:00:05.12Z b"u8);
        var whole = LogTimestamp.Parse("2026-11-30T14:00:05Z c"u8);
        Assert.Equal("2026-11-30T14:00:05.1Z ".Length, shorter.PrefixLength);
        Assert.True(string.CompareOrdinal(whole.Key, shorter.Key) < 0);
        Assert.True(string.CompareOrdinal(shorter.Key, longer.Key) < 0);
        Assert.Equal(0, LogTimestamp.Parse("no stamp here\n"u8).PrefixLength);
        Assert.Null(LogTimestamp.Parse("2026-11-30T14:00:05.1+02:00 offset\n"u8).Key);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Read_StreamLostMidLine_ResumesFromTheLastStampWithoutGapOrDuplicate(bool clientWantsTimestamps)
    {
        // Two lines share a stamp (the kubelet's clock can repeat); the first stream dies inside the fourth line.
        string[] lines =
        [
            "2026-11-30T14:00:01.5Z one\n",
            "2026-11-30T14:00:02Z two\n",
            "2026-11-30T14:00:02Z three\n",
            "2026-11-30T14:00:03.25Z four\n",
            "2026-11-30T14:00:04Z five\n",
        ];
        var first = new FailingStream(Encoding.ASCII.GetBytes(string.Concat(lines[..3]) + lines[3][..12]));
        var reopenedFrom = new List<string?>();
        using var stream = new ResumableLogStream(first, clientWantsTimestamps, (stamp, _) =>
        {
            reopenedFrom.Add(stamp);
            // The API server answers sinceTime with every line at or after it: "two" and "three" come again.
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(string.Concat(lines[1..])) });
        }, NullLogger.Instance);

        var text = await new StreamReader(stream).ReadToEndAsync().WaitAsync(Deadline);

        var expected = clientWantsTimestamps ? string.Concat(lines) : "one\ntwo\nthree\nfour\nfive\n";
        Assert.Equal(expected, text);
        Assert.Equal(["2026-11-30T14:00:02Z"], reopenedFrom);
    }

    [Fact]
    public async Task Read_StreamLostBeforeAnyLine_OpensTheSameRequestAgain()
    {
        var first = new FailingStream("2026-11-30T14:00:01Z par"u8.ToArray());
        var reopenedFrom = new List<string?>();
        using var stream = new ResumableLogStream(first, clientWantsTimestamps: false, (stamp, _) =>
        {
            reopenedFrom.Add(stamp);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("2026-11-30T14:00:01Z partial\n") });
        }, NullLogger.Instance);

        Assert.Equal("partial\n", await new StreamReader(stream).ReadToEndAsync().WaitAsync(Deadline));
        Assert.Equal([null], reopenedFrom);
    }

    [Fact]
    public async Task Read_ReopenRefused_FailsWithTheOriginalError()
    {
        var first = new FailingStream("2026-11-30T14:00:01Z one\n"u8.ToArray());
        using var stream = new ResumableLogStream(first, clientWantsTimestamps: false,
            (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("{}") }), NullLogger.Instance);
        var reader = new StreamReader(stream);

        Assert.Equal("one", await reader.ReadLineAsync().WaitAsync(Deadline));
        var failure = await Assert.ThrowsAsync<TunnelException>(() => reader.ReadToEndAsync().WaitAsync(Deadline));
        Assert.Equal(TunnelFailure.PeerLost, failure.Failure);
    }

    /// <summary>Hands out its bytes, then fails as a tunnel stream does when its agent replica dies.</summary>
    private sealed class FailingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new TunnelException(TunnelFailure.PeerLost, "the agent replica serving the stream is gone");
        }
    }
}
