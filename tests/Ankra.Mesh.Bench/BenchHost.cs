using System.Net;
using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Testing;
using Ankra.Mesh.Tunnel.Agent;
using Ankra.Mesh.Tunnel.Edge;
using Ankra.Mesh.Tunnel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Ankra.Mesh.Bench;

/// <summary>
/// Everything the benchmark measures, in one process: a real nats-server (operator-mode auth and TLS, as in
/// production, so tunnel numbers include TLS on both NATS hops), a Kestrel backend on
/// 127.0.0.1, a tunnel agent and an edge handler. <see cref="Direct"/> calls the backend itself;
/// <see cref="Tunnel"/> goes edge handler → nats-server → agent server → the same backend.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private const string ClusterId = "bench";
    private readonly NatsServerFixture _nats = new();
    private WebApplication? _backend;
    private NatsConnection? _edgeConnection;
    private NatsConnection? _agentConnection;
    private TunnelAgentServer? _agent;
    private HttpMessageInvoker? _upstream;

    public HttpClient Direct { get; private set; } = null!;

    public HttpClient Tunnel { get; private set; } = null!;

    public TunnelHttpMessageHandler Handler { get; private set; } = null!;

    public async Task StartAsync()
    {
        await _nats.InitializeAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _backend = builder.Build();
        var small = new byte[256];
        _backend.MapGet("/small", (HttpContext ctx) => ctx.Response.Body.WriteAsync(small).AsTask());
        var block = new byte[64 * 1024];
        _backend.MapGet("/bytes", async (HttpContext ctx, long length) =>
        {
            ctx.Response.ContentLength = length;
            for (long sent = 0; sent < length; sent += block.Length)
            {
                await ctx.Response.Body.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, length - sent)), ctx.RequestAborted);
            }
        });
        await _backend.StartAsync();
        var backend = new Uri(_backend.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        var options = new TunnelOptions();
        _agentConnection = new NatsConnection(_nats.ClientOpts("bench-agent"));
        _upstream = new HttpMessageInvoker(TunnelUpstream.CreateHandler());
        var prefix = MeshSubjects.ClusterPrefix(ClusterId);
        _agent = new TunnelAgentServer(_agentConnection, options, new TunnelAgentSettings(prefix, "agents", "s-1", backend), _upstream);
        await _agent.StartAsync();

        _edgeConnection = new NatsConnection(_nats.ClientOpts("bench-edge"));
        Handler = new TunnelHttpMessageHandler(_edgeConnection, options);
        Tunnel = new HttpClient(new TargetHandler(Handler)) { BaseAddress = new Uri("http://tunnel/") };
        Direct = new HttpClient(TunnelUpstream.CreateHandler()) { BaseAddress = backend };
    }

    public async ValueTask DisposeAsync()
    {
        Tunnel.Dispose();
        Direct.Dispose();
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        _upstream?.Dispose();
        foreach (var connection in new[] { _edgeConnection, _agentConnection })
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        if (_backend is not null)
        {
            await _backend.StopAsync();
            await _backend.DisposeAsync();
        }

        await _nats.DisposeAsync();
    }

    /// <summary>Sets the tunnel target as the edge proxy would, then sends through the tunnel handler.</summary>
    private sealed class TargetHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private static readonly TunnelTarget Target = new(ClusterId);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.Set(TunnelRequestOptions.Target, Target);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
