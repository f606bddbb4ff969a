using System.Text;
using NATS.NKeys;

namespace Ankra.Mesh.NatsAuth;

/// <summary>
/// Everything nats-server needs for operator mode, and the one secret the control plane needs to issue users:
/// <list type="bullet">
/// <item>the operator (root of trust; its seed belongs offline),</item>
/// <item>the system account (nats-server's own traffic; its seed belongs offline too),</item>
/// <item>the mesh account, which every edge, agent and control-plane user belongs to — isolation between
/// tenants comes from each user's subject permissions, not from separate accounts,</item>
/// <item>an account signing key listed in the mesh account's <c>signing_keys</c>: the control plane's key.</item>
/// </list>
/// The mesh account's own seed is dropped after it is generated: its JWT is signed by the operator and its
/// users by the signing key, so nothing needs it, and a key that does not exist cannot leak.
/// </summary>
public sealed partial class NatsKeySet
{
    private NatsKeySet(string operatorJwt, string systemAccountPublicKey, string systemAccountJwt, string meshAccountPublicKey, string meshAccountJwt,
        string accountSigningKeySeed, string? operatorSeed, string? systemAccountSeed)
    {
        OperatorJwt = operatorJwt;
        SystemAccountPublicKey = systemAccountPublicKey;
        SystemAccountJwt = systemAccountJwt;
        MeshAccountPublicKey = meshAccountPublicKey;
        MeshAccountJwt = meshAccountJwt;
        AccountSigningKeySeed = accountSigningKeySeed;
        OperatorSeed = operatorSeed;
        SystemAccountSeed = systemAccountSeed;
    }

    /// <summary>The operator JWT (self-signed): nats-server's <c>operator</c> setting.</summary>
    public string OperatorJwt { get; }

    /// <summary>The system account's public key: nats-server's <c>system_account</c> setting.</summary>
    public string SystemAccountPublicKey { get; }

    /// <summary>The system account's JWT, signed by the operator.</summary>
    public string SystemAccountJwt { get; }

    /// <summary>The mesh account's public key: every issued user belongs to it.</summary>
    public string MeshAccountPublicKey { get; }

    /// <summary>The mesh account's JWT, signed by the operator, listing the signing key.</summary>
    public string MeshAccountJwt { get; }

    /// <summary>The seed of the mesh account's signing key (a secret: the control plane's, and only it).</summary>
    public string AccountSigningKeySeed { get; }

    /// <summary>The operator's seed; null when loaded from a directory without it (as it should be, online).</summary>
    internal string? OperatorSeed { get; }

    /// <summary>The system account's seed; null when loaded from a directory without it.</summary>
    internal string? SystemAccountSeed { get; }

    /// <summary>Generates a new operator, system account, mesh account and account signing key.</summary>
    /// <param name="operatorName">The operator's name (shown by nats-server at start-up).</param>
    /// <param name="time">The clock for the JWTs' issue time (tests); the system clock by default.</param>
    public static NatsKeySet Generate(string operatorName = "ankra-mesh", TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorName);
        var now = (time ?? TimeProvider.System).GetUtcNow();
        using var operatorKey = KeyPair.CreatePair(PrefixByte.Operator);
        using var systemAccount = KeyPair.CreatePair(PrefixByte.Account);
        using var meshAccount = KeyPair.CreatePair(PrefixByte.Account);
        using var signingKey = KeyPair.CreatePair(PrefixByte.Account);

        var systemAccountKey = systemAccount.GetPublicKey();
        var meshAccountKey = meshAccount.GetPublicKey();
        return new NatsKeySet(
            OperatorClaims.Encode(operatorKey, operatorName, systemAccountKey, now),
            systemAccountKey,
            AccountClaims.Encode(operatorKey, systemAccountKey, "SYS", signingKeys: [], now),
            meshAccountKey,
            AccountClaims.Encode(operatorKey, meshAccountKey, "mesh", [signingKey.GetPublicKey()], now),
            signingKey.GetSeed(),
            operatorKey.GetSeed(),
            systemAccount.GetSeed());
    }

    /// <summary>An issuer of mesh-account users, signing with the account signing key.</summary>
    public NatsCredentialIssuer CreateIssuer() => new(MeshAccountPublicKey, AccountSigningKeySeed);

    /// <summary>
    /// The nats-server configuration for operator mode, to be <c>include</c>d by nats.conf: the operator JWT,
    /// the system account, and both account JWTs preloaded into the in-memory resolver (no account server;
    /// a changed account JWT is a config change and a reload).
    /// </summary>
    public string ServerAuthConfig()
    {
        var config = new StringBuilder();
        config.Append("# Operator mode (written by NatsKeySet). Trust: operator -> accounts -> users.\n");
        config.Append("operator: \"").Append(OperatorJwt).Append("\"\n");
        config.Append("system_account: \"").Append(SystemAccountPublicKey).Append("\"\n");
        config.Append("resolver: MEMORY\n");
        config.Append("resolver_preload: {\n");
        config.Append("  \"").Append(SystemAccountPublicKey).Append("\": \"").Append(SystemAccountJwt).Append("\"\n");
        config.Append("  \"").Append(MeshAccountPublicKey).Append("\": \"").Append(MeshAccountJwt).Append("\"\n");
        config.Append("}\n");
        return config.ToString();
    }
}
