using System.Diagnostics;
using System.Globalization;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ankra.Mesh.Tunnel.Tests;

[Collection(TunnelCollection.Name)]
public sealed class StreamingTests(TunnelFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Send_ChunkedEventStream_EachEventArrivesWhenEmitted()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        using var request = pair.Request(HttpMethod.Get, "/events?count=5&intervalMs=500");

        using var response = await pair.SendAsync(request);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var delays = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            var parts = line!.Split(' ');
            Assert.Equal($"event {i}", $"{parts[0]} {parts[1]}");
            delays.Add(Stopwatch.GetElapsedTime(long.Parse(parts[2], CultureInfo.InvariantCulture)).TotalMilliseconds);
        }

        Assert.Null(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        output.WriteLine("emitted → read (ms): " + string.Join(", ", delays.Select(d => d.ToString("0.0", CultureInfo.InvariantCulture))));
        // A buffering hop would hold an event at least until the next one (500 ms later) or the end.
        Assert.All(delays, d => Assert.True(d < 500, $"an event reached the client {d:0} ms after it was emitted"));
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task Send_OneReaderStopsReading_SecondStreamOnSameSessionIsNotSlowed()
    {
        await using var pair = await TunnelPair.StartAsync(fixture);
        using var stalledRequest = pair.Request(HttpMethod.Get, "/bytes?length=104857600&seed=1");
        var stalled = await pair.SendAsync(stalledRequest);
        var stalledBody = await stalled.Content.ReadAsStreamAsync();
        var first = new byte[16 * 1024];
        await stalledBody.ReadAtLeastAsync(first, first.Length).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        // The stalled stream keeps its window full from here on; a second stream must still run at speed.
        const long Size = 32L * 1024 * 1024;
        var clock = Stopwatch.StartNew();
        using var request = pair.Request(HttpMethod.Get, $"/bytes?length={Size}&seed=2");
        using var response = await pair.SendAsync(request);
        var (hash, length) = await TestData.HashAsync(await response.Content.ReadAsStreamAsync()).WaitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"32 MB beside a stalled stream: {clock.ElapsedMilliseconds} ms"));

        Assert.Equal(Size, length);
        Assert.Equal(TestData.ExpectedHash(Size, 2), hash);
        Assert.Equal(1, pair.Handler.ActiveStreams);
        Assert.InRange(pair.Handler.PeakBufferedBytesPerStream, 1, pair.Options.WindowSize);

        await stalledBody.DisposeAsync();
        stalled.Dispose();
        await pair.AssertNoStreamsLeftAsync();
    }
}
