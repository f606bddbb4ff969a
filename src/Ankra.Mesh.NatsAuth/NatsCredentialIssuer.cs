using NATS.NKeys;

namespace Ankra.Mesh.NatsAuth;

/// <summary>
/// Issues user JWTs for one NATS account, signed by one of the account's signing keys. This is all the
/// control plane holds: the account's public key and a signing key listed in the account JWT. The operator
/// key and the account's own key stay offline; a leaked signing key is revoked by re-signing the account
/// JWT without it, without changing the account or the operator. Safe to share between threads.
/// </summary>
public sealed class NatsCredentialIssuer
{
    private readonly KeyPair _signingKey;
    private readonly string? _issuerAccount;

    /// <summary>Creates an issuer for <paramref name="accountPublicKey"/> (an "A…" key).</summary>
    /// <param name="accountPublicKey">The account's public key, which every issued user belongs to.</param>
    /// <param name="accountSigningKeySeed">
    /// The seed ("SA…") of a signing key listed in the account JWT's <c>signing_keys</c>, or of the account itself.
    /// </param>
    /// <exception cref="ArgumentException">Either key is malformed or of the wrong kind (the message never contains the seed).</exception>
    public NatsCredentialIssuer(string accountPublicKey, string accountSigningKeySeed)
    {
        if (!NKeyText.IsPublicKey(accountPublicKey, PrefixByte.Account))
        {
            throw new ArgumentException("The account public key is not a NATS account public key (56 characters starting with 'A').", nameof(accountPublicKey));
        }

        _signingKey = NKeyText.TryFromSeed(accountSigningKeySeed, PrefixByte.Account)
            ?? throw new ArgumentException("The account signing key is not a NATS account seed (58 characters starting with 'SA').", nameof(accountSigningKeySeed));
        AccountPublicKey = accountPublicKey;
        // A user signed by a signing key names its account; one signed by the account itself must not.
        _issuerAccount = _signingKey.GetPublicKey() == accountPublicKey ? null : accountPublicKey;
    }

    /// <summary>The account every user this issuer signs belongs to.</summary>
    public string AccountPublicKey { get; }

    /// <summary>The public key of the signing key (listed in the account JWT's <c>signing_keys</c>).</summary>
    public string SigningPublicKey => _signingKey.GetPublicKey();

    /// <summary>
    /// Reads an issuer from the two files the control plane is given: the account public key (text) and the
    /// signing key seed (text, keep it mode 0600). Surrounding whitespace is ignored.
    /// </summary>
    public static NatsCredentialIssuer FromFiles(string accountPublicKeyFile, string signingKeyFile) =>
        new(File.ReadAllText(accountPublicKeyFile).Trim(), File.ReadAllText(signingKeyFile).Trim());

    /// <summary>
    /// Signs a user JWT for <paramref name="userPublicKey"/>. The user's seed is never needed here: the user
    /// (an agent, an edge) creates its key pair, sends only the public key, and proves possession of the seed
    /// to nats-server itself when it connects.
    /// </summary>
    /// <param name="userPublicKey">The user's public key ("U…").</param>
    /// <param name="name">A name for logs and monitoring (e.g. <c>agent-&lt;cluster&gt;</c>).</param>
    /// <param name="permissions">What the user may publish, subscribe to and answer.</param>
    /// <param name="lifetime">How long the JWT is accepted; null for no expiry. nats-server closes the connection when it expires.</param>
    /// <param name="time">The clock (tests); <see cref="TimeProvider.System"/> by default.</param>
    /// <exception cref="ArgumentException">The user key is not a user public key, the name is blank, or a subject is malformed.</exception>
    public IssuedNatsCredential IssueUser(string userPublicKey, string name, NatsPermissions permissions, TimeSpan? lifetime, TimeProvider? time = null)
    {
        // The message never repeats the key: a caller who passed a seed by mistake must not see it in a log.
        if (!NatsUserKeys.IsValidPublicKey(userPublicKey))
        {
            throw new ArgumentException("The user key is not a NATS user public key (56 characters starting with 'U').", nameof(userPublicKey));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(permissions);
        permissions.Validate(nameof(permissions));
        if (lifetime is { } span && span <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A credential's lifetime must be positive (or null for no expiry).");
        }

        // JWT times are whole seconds; the returned expiry is exactly the one in the token.
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        DateTimeOffset? expiresAt = lifetime is { } life ? DateTimeOffset.FromUnixTimeSeconds((now + life).ToUnixTimeSeconds()) : null;
        var jwt = UserClaims.Encode(_signingKey, _issuerAccount, userPublicKey, name, permissions, issuedAt, expiresAt);
        return new IssuedNatsCredential(jwt, expiresAt);
    }
}
