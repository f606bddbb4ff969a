namespace Ankra.Mesh.DevIdp;

/// <summary>A registered relying party: id, secret and the exact redirect URIs it may use.</summary>
internal sealed class DevIdpClient
{
    /// <summary>The <c>client_id</c>.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The <c>client_secret</c> (sent to the token endpoint).</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Redirect URIs, compared exactly (no prefixes, no wildcards), as OIDC requires.</summary>
    public IList<string> RedirectUris { get; } = [];
}
