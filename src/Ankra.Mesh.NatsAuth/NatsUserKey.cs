using NATS.NKeys;

namespace Ankra.Mesh.NatsAuth;

/// <summary>
/// A user key pair made by <see cref="NatsUserKeys.Create"/>. The public key is what the issuer signs a JWT
/// for; the seed never leaves the process that created it (it goes into this process's NATS options or its
/// own creds file, nowhere else). Disposing wipes the key material held here.
/// </summary>
public sealed class NatsUserKey : IDisposable
{
    private readonly KeyPair _pair;
    private bool _disposed;

    internal NatsUserKey(KeyPair pair)
    {
        _pair = pair;
        PublicKey = pair.GetPublicKey();
    }

    /// <summary>The public key ("U…"): safe to send to the issuer and to log.</summary>
    public string PublicKey { get; }

    /// <summary>The seed ("SU…"): the secret. Never log it or send it anywhere.</summary>
    public string Seed
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _pair.GetSeed();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _pair.Dispose();
        }
    }
}
