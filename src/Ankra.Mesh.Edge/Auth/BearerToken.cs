namespace Ankra.Mesh.Edge.Auth;

/// <summary>
/// The one parser of <c>Authorization: Bearer &lt;token&gt;</c> (RFC 6750 §2.1) on the server side: REST API tokens,
/// kube tokens on the proxy path, agent registration tokens on the install endpoint and in gRPC metadata all go
/// through it. Only the edge receives bearer credentials (the agent only sends them), so it lives here.
/// </summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer";

    /// <summary>
    /// The credential of an Authorization header value, or null when there is none: another scheme, an empty
    /// token, or a value with whitespace or a comma inside the token — which is what two Authorization headers
    /// joined into one value look like, and no token we issue contains.
    /// </summary>
    public static string? From(string? authorization)
    {
        var value = authorization.AsSpan().Trim();
        if (value.Length <= Scheme.Length || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || value[Scheme.Length] != ' ')
        {
            return null;
        }

        var token = value[(Scheme.Length + 1)..].TrimStart(' ');
        return token.IsEmpty || token.ContainsAny(' ', '\t', ',') ? null : token.ToString();
    }
}
