using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Tunnel.Tests.Infrastructure;

/// <summary>A real nats-server and a real Kestrel backend on 127.0.0.1, shared by the collection.</summary>
public sealed class TunnelFixture : IAsyncLifetime
{
    public NatsServerFixture Nats { get; } = new();

    public Backend Backend { get; } = new();

    public async Task InitializeAsync()
    {
        await Nats.InitializeAsync();
        await Backend.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Backend.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
