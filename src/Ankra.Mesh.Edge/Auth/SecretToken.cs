using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Auth;

/// <summary>
/// The shape of our opaque secrets: <c>&lt;prefix&gt;_&lt;id&gt;_&lt;secret&gt;</c>. The id says which grain to ask
/// (token id or cluster id); only the secret's hash is ever stored.
/// </summary>
internal static class SecretToken
{
    /// <summary>API tokens.</summary>
    public const string ApiPrefix = "ank";

    /// <summary>Agent registration tokens.</summary>
    public const string AgentPrefix = "ankagent";

    public static string Create(string prefix, string id, string secret) => $"{prefix}_{id}_{secret}";

    /// <summary>Splits a token; false for anything malformed (including ids unsafe for subjects).</summary>
    public static bool TryParse(string prefix, string? token, out string id, out string secretHash)
    {
        id = string.Empty;
        secretHash = string.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 512 || !token.StartsWith(prefix + "_", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = token.AsSpan(prefix.Length + 1);
        var separator = rest.IndexOf('_');
        if (separator <= 0 || separator == rest.Length - 1)
        {
            return false;
        }

        id = rest[..separator].ToString();
        if (!MeshIdentifiers.IsValid(id))
        {
            return false;
        }

        secretHash = SecretHash.Of(rest[(separator + 1)..].ToString());
        return true;
    }
}
