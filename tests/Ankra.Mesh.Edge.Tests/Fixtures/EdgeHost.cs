using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Hosting.Silo;
using Ankra.Mesh.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Ankra.Mesh.Edge.Tests.Fixtures;

/// <summary>
/// A real edge in this process on Kestrel/loopback: an HTTP/1.1 endpoint for REST and an h2c
/// (HTTP/2 cleartext) endpoint for gRPC, configured through the ordinary Kestrel settings, and the internal
/// listener for health and metrics (<c>Mesh:Telemetry:InternalUrl</c>).
/// </summary>
internal sealed class EdgeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private EdgeHost(WebApplication app, int restPort, int grpcPort, string internalUrl)
    {
        _app = app;
        InternalUrl = internalUrl;
        RestUrl = $"http://127.0.0.1:{restPort}";
        GrpcUrl = $"http://127.0.0.1:{grpcPort}";
        Channel = GrpcChannel.ForAddress(GrpcUrl);
    }

    public string RestUrl { get; }

    public string GrpcUrl { get; }

    /// <summary>The internal listener: <c>/metrics</c>, <c>/healthz</c>, <c>/livez</c>, <c>/readyz</c>.</summary>
    public string InternalUrl { get; }

    public GrpcChannel Channel { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<EdgeHost> StartAsync(IDictionary<string, string?> settings)
    {
        var (restPort, grpcPort) = (FreePort.Next(), FreePort.Next());
        var internalUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var all = new Dictionary<string, string?>(settings)
        {
            ["Kestrel:Endpoints:Rest:Url"] = $"http://127.0.0.1:{restPort}",
            ["Kestrel:Endpoints:Rest:Protocols"] = "Http1",
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Mesh:Telemetry:InternalUrl"] = internalUrl,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // Edges of silo clusters are Orleans clients (Mode=AdoNet); the rest hold the grains in a co-hosted in-memory silo, as
        // Ankra.Mesh.Standalone does.
        var client = all.TryGetValue("Mesh:Orleans:Mode", out var mode) && string.Equals(mode, "AdoNet", StringComparison.OrdinalIgnoreCase);
        var app = EdgeApplication.Build([], builder => builder.Configuration.AddInMemoryCollection(all), client ? null : builder => builder.AddMeshSilo());
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new EdgeHost(app, restPort, grpcPort, internalUrl);
    }

    /// <summary>An HTTP client for the REST API, authenticated with <paramref name="apiToken"/> when given.</summary>
    public HttpClient Client(string? apiToken = null, string? organisationId = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(RestUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (apiToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        }

        if (organisationId is not null)
        {
            client.DefaultRequestHeaders.Add("X-Ankra-Organisation-Id", organisationId);
        }

        return client;
    }

    /// <summary>An HTTP client for the internal listener (probes, metrics).</summary>
    public HttpClient InternalClient() => new() { BaseAddress = new Uri(InternalUrl), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// Records what this edge's own instrument <paramref name="instrument"/> (meter <c>Ankra.Mesh.Edge</c>) measures from
    /// now on. Tests assert on this rather than on a <c>/metrics</c> scrape: every edge of this test process shares the
    /// process-wide meter listener, and when one edge stops, OpenTelemetry retires the metric stream of every instrument
    /// with the same name — in the exporters of the edges still running too — so a scrape in a process with several edges
    /// can miss a number that was counted. (Export itself is tested on real processes: EndToEnd's Telemetry tests.)
    /// </summary>
    public MetricCollector<long> Collect(string instrument) =>
        new(Services.GetRequiredService<IMeterFactory>(), EdgeMetrics.MeterName, instrument);

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Stops the edge as SIGTERM would: it drains for <c>Mesh:Edge:ShutdownDrainTimeout</c>.</summary>
    public Task StopAsync()
    {
        _stopped = true;
        return _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_stopped)
        {
            await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        await _app.DisposeAsync();
    }
}
