using Ankra.Mesh.NatsAuth;

namespace Ankra.Mesh.Grains;

/// <summary>
/// Who this process is on the bus: its connection name and the permissions of the credential it issues
/// itself when it holds the signing key. Register one before <c>AddMeshOrleans</c>; silos get
/// <see cref="MeshNatsPermissions.Silo"/> by default.
/// </summary>
public sealed record MeshNatsIdentity(string Name, NatsPermissions Permissions);
