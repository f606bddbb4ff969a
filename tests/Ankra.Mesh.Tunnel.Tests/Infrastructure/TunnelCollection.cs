namespace Ankra.Mesh.Tunnel.Tests.Infrastructure;

/// <summary>The one collection of tunnel tests: a shared nats-server and Kestrel backend.</summary>
[CollectionDefinition(Name)]
public sealed class TunnelCollection : ICollectionFixture<TunnelFixture>
{
    public const string Name = "tunnel";
}
