using System.Text;
using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Api;

/// <summary>The opaque <c>continue</c> token of a paged list: the key the next page starts after.</summary>
internal static class ContinueToken
{
    public static string Encode(string lastKey, long resourceVersion) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = resourceVersion, ["start"] = lastKey }.ToJsonString()))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var node = JsonNode.Parse(Convert.FromBase64String(base64));
            return node?["start"]?.GetValue<string>() ?? throw new FormatException();
        }
        catch (Exception error) when (error is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw ApiException.BadRequest($"continue key is not valid: {error.Message}");
        }
    }
}
