using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NATS.NKeys;

namespace Ankra.Mesh.NatsAuth;

/// <summary>
/// Encodes and signs NATS JWT v2 claims the way nats-io/jwt (v2) does and nats-server accepts:
/// <c>base64url(header).base64url(claims)</c> with no padding, then an ed25519 signature over those ASCII
/// bytes by the issuer's nkey, base64url again. The standard claims sit at the top level; everything
/// NATS-specific goes in the <c>nats</c> object, which must carry <c>type</c> and <c>version: 2</c> —
/// a top-level <c>type</c> would make the server read the token as a v1 JWT.
/// </summary>
/// <remarks>
/// No maintained .NET library writes NATS JWTs, so this is ours; the tests check it against a real
/// nats-server, never only against itself. Claims are written with <see cref="Utf8JsonWriter"/> (no
/// reflection), so the encoding is fixed by the code below and is safe under trimming and Native AOT.
/// </remarks>
internal static class NatsJwt
{
    /// <summary>The JOSE header every NATS v2 JWT carries.</summary>
    private static readonly string EncodedHeader = Base64Url.EncodeToString("""{"typ":"JWT","alg":"ed25519-nkey"}"""u8);

    /// <summary>Size of an ed25519 signature.</summary>
    private const int SignatureLength = 64;

    /// <summary>
    /// Signs <paramref name="claims"/> with <paramref name="issuer"/>: sets <c>iss</c> to its public key and
    /// <c>jti</c> to a hash of the standard claims, and writes the <c>nats</c> object with
    /// <paramref name="writeNats"/> (which must not write <c>type</c> or <c>version</c>; they are added here).
    /// </summary>
    public static string Encode(KeyPair issuer, NatsClaimsData claims, string type, Action<Utf8JsonWriter> writeNats)
    {
        var issuerKey = issuer.GetPublicKey();
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteStandardClaims(json, claims, issuerKey, Id(claims, issuerKey));
            json.WriteStartObject("nats");
            writeNats(json);
            json.WriteString("type", type);
            json.WriteNumber("version", 2);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var signed = EncodedHeader + "." + Base64Url.EncodeToString(buffer.WrittenSpan);
        var signature = new byte[SignatureLength];
        issuer.Sign(Encoding.ASCII.GetBytes(signed), signature);
        return signed + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Writes a JSON array of strings (subject lists, signing keys).</summary>
    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// The <c>jti</c>: a unique id derived from the standard claims written without it, as nats-io/jwt does.
    /// nats-io/jwt hashes with SHA-512/256, which .NET does not offer; nats-server never recomputes the id
    /// (it only has to be unique), so SHA-256 gives the same shape: 32 bytes, 52 base32 characters.
    /// </summary>
    private static string Id(NatsClaimsData claims, string issuerKey)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteStandardClaims(json, claims, issuerKey, id: null);
            json.WriteEndObject();
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        Span<char> text = stackalloc char[Base32.GetEncodedLength(hash)];
        var length = Base32.ToBase32(hash, text);
        return new string(text[..length]);
    }

    /// <summary>The standard claims in nats-io/jwt's field order (exp, jti, iat, iss, name, sub).</summary>
    private static void WriteStandardClaims(Utf8JsonWriter json, NatsClaimsData claims, string issuerKey, string? id)
    {
        if (claims.ExpiresAt is { } expires)
        {
            json.WriteNumber("exp", expires.ToUnixTimeSeconds());
        }

        if (id is not null)
        {
            json.WriteString("jti", id);
        }

        json.WriteNumber("iat", claims.IssuedAt.ToUnixTimeSeconds());
        json.WriteString("iss", issuerKey);
        json.WriteString("name", claims.Name);
        json.WriteString("sub", claims.Subject);
    }
}
