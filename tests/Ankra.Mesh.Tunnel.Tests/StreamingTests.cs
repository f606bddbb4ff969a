using System.Diagnostics;
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
        using var request = pair.Request(HttpMethod.Get, "/events?count=5&intervalMs=400");

        using var response = await pair.SendAsync(request);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var clock = Stopwatch.StartNew();
        var arrivals = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"event {i}", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            arrivals.Add(clock.Elapsed.TotalMilliseconds);
        }

        Assert.Null(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        output.WriteLine("arrivals (ms): " + string.Join(", ", arrivals.Select(a => a.ToString("0", System.Globalization.CultureInfo.InvariantCulture))));
        // Emitted 400 ms apart: buffering anywhere would bunch them up at the end.
        for (var i = 1; i < arrivals.Count; i++)
        {
            Assert.True(arrivals[i] - arrivals[i - 1] > 200, $"event {i} arrived {arrivals[i] - arrivals[i - 1]:0} ms after the previous one");
        }

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
        output.WriteLine($"32 MB beside a stalled stream: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(Size, length);
        Assert.Equal(TestData.ExpectedHash(Size, 2), hash);
        Assert.Equal(1, pair.Handler.ActiveStreams);
        Assert.InRange(pair.Handler.PeakBufferedBytesPerStream, 1, pair.Options.WindowSize);

        await stalledBody.DisposeAsync();
        stalled.Dispose();
        await pair.AssertNoStreamsLeftAsync();
    }
}
