namespace Ankra.Mesh.Testing;

/// <summary>
/// The <c>Mesh:Nats</c> settings with which an edge or silo reaches a secure <see cref="NatsServerFixture"/>
/// as in production: the server URL(s), the mesh account's public key and signing key file (edges issue
/// agents' credentials with it), and the throwaway CA to pin.
/// </summary>
public static class MeshNatsSettings
{
    /// <summary>Writes the signing key into <paramref name="directory"/> (mode 0600) and returns the settings.</summary>
    /// <param name="urls">Client URLs to use instead of the fixture's own (e.g. every server of a cluster).</param>
    public static Dictionary<string, string> For(NatsServerFixture nats, string directory, string? urls = null)
    {
        ArgumentNullException.ThrowIfNull(nats);
        if (nats.Keys is null || nats.CaPath is null)
        {
            throw new InvalidOperationException("MeshNatsSettings needs a started, secure NatsServerFixture (operator-mode keys and a CA).");
        }

        Directory.CreateDirectory(directory);
        var signingKeyFile = Path.Combine(directory, "nats-account-signing.nk");
        File.WriteAllText(signingKeyFile, nats.Keys.AccountSigningKeySeed);
        File.SetUnixFileMode(signingKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new Dictionary<string, string>
        {
            ["Mesh:Nats:Url"] = urls ?? nats.Url,
            ["Mesh:Nats:AccountPublicKey"] = nats.Keys.MeshAccountPublicKey,
            ["Mesh:Nats:AccountSigningKeyFile"] = signingKeyFile,
            ["Mesh:Nats:CaFile"] = nats.CaPath,
        };
    }

    /// <summary>The same settings as command-line arguments (<c>--Mesh:Nats:Url=…</c>).</summary>
    public static string[] AsArguments(NatsServerFixture nats, string directory) =>
        [.. For(nats, directory).Select(pair => $"--{pair.Key}={pair.Value}")];
}
