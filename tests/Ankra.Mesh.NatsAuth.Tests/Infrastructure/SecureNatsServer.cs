using Ankra.Mesh.Testing;

namespace Ankra.Mesh.NatsAuth.Tests.Infrastructure;

/// <summary>
/// One nats-server per test class, as production runs it: operator mode, TLS on the client port and a
/// <c>wss://</c> listener. (xunit needs a class fixture with a single constructor; NatsServerFixture has several.)
/// </summary>
public sealed class SecureNatsServer : IAsyncLifetime
{
    public NatsServerFixture Server { get; } = new(new NatsServerFixtureOptions { WebSocket = true });

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}
