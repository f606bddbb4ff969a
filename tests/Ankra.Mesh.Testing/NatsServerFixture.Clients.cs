using Ankra.Mesh.NatsAuth;
using NATS.Client.Core;

namespace Ankra.Mesh.Testing;

/// <summary>Client credentials for the fixture's server: fresh JWT users, as the control plane would issue them.</summary>
public sealed partial class NatsServerFixture
{
    /// <summary>Publish and subscribe to everything: what a test client gets unless it asks for less.</summary>
    public static readonly NatsPermissions Everything = new([">"], [">"], AllowResponses: false);

    /// <summary>
    /// Options for a client of this server named <paramref name="name"/>. When secure: a fresh user key and a JWT
    /// for it with <paramref name="permissions"/> (everything by default), and the fixture's CA pinned. When not:
    /// just the URL and name.
    /// </summary>
    public NatsOpts ClientOpts(string name, NatsPermissions? permissions = null) => ClientOpts(Url, name, permissions);

    /// <summary>Like <see cref="ClientOpts(string, NatsPermissions?)"/>, for another URL served by the same keys and CA (a cluster's URL list, the WebSocket URL).</summary>
    public NatsOpts ClientOpts(string url, string name, NatsPermissions? permissions)
    {
        var opts = new NatsOpts { Url = url, Name = name };
        if (_issuer is null)
        {
            return opts;
        }

        using var key = NatsUserKeys.Create();
        var credential = _issuer.IssueUser(key.PublicKey, name, permissions ?? Everything, lifetime: null);
        return opts.WithUserCredential(credential.Jwt, key.Seed).WithPinnedCa(CaPath);
    }

    /// <summary>
    /// Writes a creds file (mode 0600) for a fresh user named <paramref name="name"/>, for a client in another
    /// process; returns its path. Throws when the fixture is not secure.
    /// </summary>
    public string WriteCredsFile(string name, NatsPermissions? permissions = null)
    {
        var issuer = _issuer ?? throw new InvalidOperationException("An insecure NatsServerFixture has no users; it accepts anonymous clients.");
        using var key = NatsUserKeys.Create();
        var credential = issuer.IssueUser(key.PublicKey, name, permissions ?? Everything, lifetime: null);
        var path = Path.Combine(_directory, $"{name}-{Guid.NewGuid():N}.creds");
        var ownerOnly = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        using (var file = new StreamWriter(path, ownerOnly))
        {
            file.Write(NatsCredsFile.Format(credential.Jwt, key.Seed));
        }

        return path;
    }
}
