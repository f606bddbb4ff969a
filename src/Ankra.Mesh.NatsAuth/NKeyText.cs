using NATS.NKeys;

namespace Ankra.Mesh.NatsAuth;

/// <summary>
/// Checks nkey text before NATS.NKeys sees it. The library throws different exception types for different
/// malformed inputs (and does not check a public key's length), so every key that comes from outside is
/// checked here first: the right length, only base32 characters, then the library's checksum and prefix.
/// </summary>
internal static class NKeyText
{
    /// <summary>Length of an encoded public key: prefix byte, 32 key bytes and a 2-byte CRC in base32.</summary>
    private const int PublicKeyLength = 56;

    /// <summary>Length of an encoded seed: two prefix bytes, 32 seed bytes and a 2-byte CRC in base32.</summary>
    private const int SeedLength = 58;

    /// <summary>True when <paramref name="key"/> is a well-formed public key of kind <paramref name="prefix"/>.</summary>
    public static bool IsPublicKey(string? key, PrefixByte prefix)
    {
        if (key is null || key.Length != PublicKeyLength || !IsBase32(key))
        {
            return false;
        }

        try
        {
            return KeyPair.IsValidPublicKey(prefix, key);
        }
        catch (NKeysException)
        {
            return false;
        }
    }

    /// <summary>
    /// The key pair of <paramref name="seed"/> when it is a well-formed seed of kind <paramref name="prefix"/>;
    /// otherwise null. The caller disposes the pair (it wipes the private key).
    /// </summary>
    public static KeyPair? TryFromSeed(string? seed, PrefixByte prefix)
    {
        if (seed is null || seed.Length != SeedLength || seed[0] != 'S' || !IsBase32(seed))
        {
            return null;
        }

        KeyPair pair;
        try
        {
            pair = KeyPair.FromSeed(seed);
        }
        catch (NKeysException)
        {
            return null;
        }

        if (pair.Prefix == prefix)
        {
            return pair;
        }

        pair.Dispose();
        return null;
    }

    private static bool IsBase32(string text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= '2' and <= '7')))
            {
                return false;
            }
        }

        return true;
    }
}
