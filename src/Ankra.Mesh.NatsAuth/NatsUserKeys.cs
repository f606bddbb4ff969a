using NATS.NKeys;

namespace Ankra.Mesh.NatsAuth;

/// <summary>User nkeys: the identity a NATS user proves by signing the server's nonce with its seed.</summary>
public static class NatsUserKeys
{
    /// <summary>
    /// True when <paramref name="key"/> is a well-formed user public key ("U…", correct length and checksum).
    /// False for anything else — seeds, account or operator keys, garbage, null — and never throws, so it can
    /// check input from the network.
    /// </summary>
    public static bool IsValidPublicKey(string? key) => NKeyText.IsPublicKey(key, PrefixByte.User);

    /// <summary>
    /// Creates a new user key pair. Call it in the process that will connect with it: only
    /// <see cref="NatsUserKey.PublicKey"/> goes to the issuer, the seed stays here.
    /// </summary>
    public static NatsUserKey Create() => new(KeyPair.CreatePair(PrefixByte.User));
}
