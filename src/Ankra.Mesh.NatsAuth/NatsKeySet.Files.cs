namespace Ankra.Mesh.NatsAuth;

/// <summary>The key set on disk: what each deployable is given, and what stays offline.</summary>
public sealed partial class NatsKeySet
{
    /// <summary>Secret files: created with mode 0600 (no moment with wider permissions).</summary>
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>nats-server: the operator JWT (also inlined in auth.conf).</summary>
    public const string OperatorJwtFile = "operator.jwt";

    /// <summary>nats-server: the system account's JWT (also inlined in auth.conf).</summary>
    public const string SystemAccountJwtFile = "system-account.jwt";

    /// <summary>nats-server: the mesh account's JWT (also inlined in auth.conf).</summary>
    public const string MeshAccountJwtFile = "mesh-account.jwt";

    /// <summary>nats-server: the configuration fragment that nats.conf includes.</summary>
    public const string AuthConfigFile = "auth.conf";

    /// <summary>Control plane: the account its users belong to.</summary>
    public const string MeshAccountPublicKeyFile = "mesh-account.pub";

    /// <summary>The system account's public key.</summary>
    public const string SystemAccountPublicKeyFile = "system-account.pub";

    /// <summary>Control plane: the account signing key's seed (0600).</summary>
    public const string AccountSigningKeyFile = "account-signing.nk";

    /// <summary>Offline: the operator's seed (0600). Re-signs account JWTs; never on the control plane.</summary>
    public const string OperatorSeedFile = "operator.nk";

    /// <summary>Offline: the system account's seed (0600). Never on the control plane.</summary>
    public const string SystemAccountSeedFile = "system-account.nk";

    /// <summary>
    /// Writes the set into <paramref name="directory"/> (created if needed): the JWTs, <c>auth.conf</c>, the
    /// public keys, and the seeds in 0600 files. Deploy the files by role: nats-server gets auth.conf; the
    /// control plane gets mesh-account.pub and account-signing.nk (see <see cref="NatsCredentialIssuer.FromFiles"/>).
    /// </summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        WritePublic(directory, OperatorJwtFile, OperatorJwt);
        WritePublic(directory, SystemAccountJwtFile, SystemAccountJwt);
        WritePublic(directory, MeshAccountJwtFile, MeshAccountJwt);
        WritePublic(directory, AuthConfigFile, ServerAuthConfig());
        WritePublic(directory, MeshAccountPublicKeyFile, MeshAccountPublicKey);
        WritePublic(directory, SystemAccountPublicKeyFile, SystemAccountPublicKey);
        WriteSecret(directory, AccountSigningKeyFile, AccountSigningKeySeed);

        // The operator and system-account seeds belong offline (with whoever re-signs account JWTs), never on
        // the control plane or a server: with the operator seed, anyone can mint accounts the servers trust.
        if (OperatorSeed is not null)
        {
            WriteSecret(directory, OperatorSeedFile, OperatorSeed);
        }

        if (SystemAccountSeed is not null)
        {
            WriteSecret(directory, SystemAccountSeedFile, SystemAccountSeed);
        }
    }

    /// <summary>
    /// Reads a set written by <see cref="WriteTo"/>. The offline seeds may be absent (a server's or the control
    /// plane's copy); everything else must be there.
    /// </summary>
    public static NatsKeySet Load(string directory)
    {
        string Read(string name) => File.ReadAllText(Path.Combine(directory, name)).Trim();
        string? ReadOptional(string name) => File.Exists(Path.Combine(directory, name)) ? Read(name) : null;

        var keys = new NatsKeySet(
            Read(OperatorJwtFile),
            Read(SystemAccountPublicKeyFile),
            Read(SystemAccountJwtFile),
            Read(MeshAccountPublicKeyFile),
            Read(MeshAccountJwtFile),
            Read(AccountSigningKeyFile),
            ReadOptional(OperatorSeedFile),
            ReadOptional(SystemAccountSeedFile));
        _ = keys.CreateIssuer(); // checks the account key and the signing seed now, not at the first issue
        return keys;
    }

    private static void WritePublic(string directory, string name, string content) =>
        File.WriteAllText(Path.Combine(directory, name), content.EndsWith('\n') ? content : content + "\n");

    private static void WriteSecret(string directory, string name, string content)
    {
        var path = Path.Combine(directory, name);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(content);
            writer.Write('\n');
        }

        // UnixCreateMode applies only to a new file; an existing one keeps its mode unless it is set again.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
