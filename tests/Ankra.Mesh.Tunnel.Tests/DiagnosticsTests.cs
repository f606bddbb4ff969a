using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.Tests.Infrastructure;

namespace Ankra.Mesh.Tunnel.Tests;

[Collection(TunnelCollection.Name)]
public sealed class DiagnosticsTests(TunnelFixture fixture)
{
    [Fact]
    public async Task Send_WithinATrace_BackendSeesTheSameTraceId()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is TunnelTelemetry.Name or "tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("tests");
        await using var pair = await TunnelPair.StartAsync(fixture);

        using var root = source.StartActivity("kubectl get pods")!;
        using var response = await pair.SendAsync(pair.Request(HttpMethod.Get, "/trace"));
        var traceparent = await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith($"00-{root.TraceId}-", traceparent, StringComparison.Ordinal);
        await pair.AssertNoStreamsLeftAsync();
    }

    [Fact]
    public async Task Send_Requests_MetricsCountStreamsBytesAndResets()
    {
        var totals = new Dictionary<string, double>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TunnelTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(totals, instrument.Name, value));
        meters.SetMeasurementEventCallback<double>((instrument, _, _, _) => Add(totals, instrument.Name, 1));
        meters.Start();
        await using var pair = await TunnelPair.StartAsync(fixture);

        using (var request = pair.Request(HttpMethod.Post, "/echo/m"))
        {
            request.Content = new ByteArrayContent(new byte[10_000]);
            using var response = await pair.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        await Assert.ThrowsAsync<TunnelException>(async () =>
        {
            using var aborted = await pair.SendAsync(pair.Request(HttpMethod.Get, "/abort"));
            await aborted.Content.ReadAsByteArrayAsync().WaitAsync(TimeSpan.FromSeconds(10));
        });

        await pair.AssertNoStreamsLeftAsync();
        lock (totals)
        {
            // Each side counts the 10 000 body bytes sent and received in both directions, plus the aborted body.
            Assert.True(totals["mesh.tunnel.bytes"] >= 40_000, $"bytes {totals["mesh.tunnel.bytes"]}");
            Assert.Equal(0, totals["mesh.tunnel.streams.open"]);
            Assert.True(totals["mesh.tunnel.stream.duration"] >= 4);
            Assert.True(totals["mesh.tunnel.resets"] >= 1);
        }
    }

    private static void Add(Dictionary<string, double> totals, string name, double value)
    {
        lock (totals)
        {
            totals[name] = totals.GetValueOrDefault(name) + value;
        }
    }
}
