using Ankra.Mesh.NatsAuth;

namespace Ankra.Mesh.Hosting;

/// <summary>
/// Who this process is on the bus: its connection name, the inbox prefix its replies come to, and the
/// permissions of the credential it issues itself when it holds the signing key. Register one before
/// <c>AddMeshOrleans</c>; silos get <see cref="Silo"/> by default.
/// </summary>
/// <param name="InboxPrefix">
/// A prefix of this process alone (<c>_INBOX.{random}</c>): the NATS client subscribes its reply inbox
/// below it on connect, and the self-issued credential may subscribe nothing else of <c>_INBOX</c>, so a
/// process cannot read the replies meant for another.
/// </param>
public sealed record MeshNatsIdentity(string Name, string InboxPrefix, NatsPermissions Permissions)
{
    /// <summary>An edge (<see cref="MeshNatsPermissions.Edge"/>).</summary>
    public static MeshNatsIdentity Edge(bool hostsGrains)
    {
        var inbox = NewInboxPrefix();
        return new MeshNatsIdentity("ankra-mesh-edge", inbox, MeshNatsPermissions.Edge(hostsGrains, inbox));
    }

    /// <summary>A silo (<see cref="MeshNatsPermissions.Silo"/>).</summary>
    public static MeshNatsIdentity Silo()
    {
        var inbox = NewInboxPrefix();
        return new MeshNatsIdentity("ankra-mesh-silo", inbox, MeshNatsPermissions.Silo(inbox));
    }

    private static string NewInboxPrefix() => $"_INBOX.{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12))}";
}
