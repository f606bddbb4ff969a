using Ankra.Mesh.Grains;
using Ankra.Mesh.Hosting;
using Ankra.Mesh.NatsAuth;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.GrpcServices;

/// <summary>
/// Issues agents' NATS user JWTs with the mesh account's signing key: for the public key the agent sent
/// at registration, confined to its own cluster's subjects (<see cref="MeshNatsPermissions.Agent"/>),
/// expiring after <see cref="MeshNatsOptions.AgentCredentialLifetime"/>.
/// </summary>
internal sealed class AgentNatsCredentials
{
    private readonly NatsCredentialIssuer? _issuer;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    public AgentNatsCredentials(IOptions<MeshNatsOptions> options, TimeProvider time)
    {
        var nats = options.Value;
        // Insecure development mode hands agents no credential; otherwise the validator guaranteed a key.
        _issuer = nats.AllowInsecure || !nats.CanIssueCredentials ? null : MeshNatsCredentials.CreateIssuer(nats);
        _lifetime = nats.AgentCredentialLifetime;
        _time = time;
    }

    /// <summary>False in development mode (<c>Mesh:Nats:AllowInsecure</c>): agents then connect without credentials.</summary>
    public bool Enabled => _issuer is not null;

    /// <summary>A user JWT for <paramref name="publicKey"/> (already validated) of an agent of <paramref name="clusterId"/>.</summary>
    public IssuedNatsCredential Issue(string clusterId, string replicaId, string publicKey) =>
        (_issuer ?? throw new InvalidOperationException("NATS credentials are disabled"))
            .IssueUser(publicKey, $"agent-{clusterId}-{replicaId}", MeshNatsPermissions.Agent(clusterId), _lifetime, _time);
}
