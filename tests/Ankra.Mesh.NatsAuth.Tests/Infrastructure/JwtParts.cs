using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Ankra.Mesh.NatsAuth.Tests.Infrastructure;

/// <summary>Splits a JWT into its decoded header, claims and signature, for assertions on the encoding itself.</summary>
internal sealed record JwtParts(JsonElement Header, JsonElement Claims, byte[] Signature, string SignedText)
{
    public static JwtParts Parse(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.All(parts, part => Assert.DoesNotContain('=', part)); // base64url without padding
        return new JwtParts(
            JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement,
            JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement,
            Base64Url.DecodeFromChars(parts[2]),
            parts[0] + "." + parts[1]);
    }

    public byte[] SignedBytes => Encoding.ASCII.GetBytes(SignedText);

    public JsonElement Nats => Claims.GetProperty("nats");
}
