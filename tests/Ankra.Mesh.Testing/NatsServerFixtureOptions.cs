using Ankra.Mesh.NatsAuth;

namespace Ankra.Mesh.Testing;

/// <summary>
/// How a <see cref="NatsServerFixture"/> configures its nats-server. The default is the production shape:
/// operator-mode auth (JWT users) and TLS on the client port. Set <see cref="Secure"/> to false only for
/// callers that still connect anonymously over plain text.
/// </summary>
public sealed class NatsServerFixtureOptions
{
    /// <summary>The server's <c>max_payload</c> in bytes.</summary>
    public int MaxPayload { get; set; } = NatsServerFixture.DefaultMaxPayload;

    /// <summary>Operator-mode auth and TLS (clients need <see cref="NatsServerFixture.ClientOpts"/>); true by default.</summary>
    public bool Secure { get; set; } = true;

    /// <summary>Also listen for WebSocket clients (<c>wss://</c> when secure, <c>ws://</c> otherwise).</summary>
    public bool WebSocket { get; set; }

    /// <summary>The operator, accounts and signing key; generated when null. Share one set across a cluster.</summary>
    public NatsKeySet? Keys { get; set; }

    /// <summary>The CA and server certificate for TLS; created when null. Share one across a cluster.</summary>
    public TestCertificateAuthority? Tls { get; set; }

    /// <summary>The cluster (route) port on 127.0.0.1; 0 for a server that is not part of a cluster.</summary>
    public int ClusterPort { get; set; }

    /// <summary>The cluster's name (all members share it).</summary>
    public string ClusterName { get; set; } = "mesh-test";

    /// <summary>Route ports of the other cluster members on 127.0.0.1.</summary>
    public IReadOnlyList<int> Routes { get; set; } = [];
}
