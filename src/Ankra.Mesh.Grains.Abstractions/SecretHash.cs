using System.Security.Cryptography;
using System.Text;

namespace Ankra.Mesh.Grains;

/// <summary>
/// Secrets (API tokens, agent registration tokens) are kept only as SHA-256 hashes. They are long
/// random values, so a plain hash is enough: there is nothing to brute-force a dictionary against.
/// </summary>
public static class SecretHash
{
    /// <summary>Lower-case hex SHA-256 of <paramref name="secret"/>.</summary>
    public static string Of(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Constant-time comparison of two hashes.</summary>
    public static bool Matches(string? expected, string? actual) =>
        expected is not null && actual is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));

    /// <summary>A new random secret: 32 bytes, URL-safe base64 without padding.</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
