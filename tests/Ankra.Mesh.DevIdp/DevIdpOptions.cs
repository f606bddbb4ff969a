namespace Ankra.Mesh.DevIdp;

/// <summary>The development IdP's settings (<c>DevIdp</c>): its issuer, the relying parties it serves and its users.</summary>
internal sealed class DevIdpOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "DevIdp";

    /// <summary>The issuer URL (<c>https://127.0.0.1:PORT/</c>); must be the address relying parties reach this process at.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>Relying parties (confidential clients) allowed to use the authorization code flow.</summary>
    public IList<DevIdpClient> Clients { get; } = [];

    /// <summary>People who can sign in.</summary>
    public IList<DevIdpUser> Users { get; } = [];

    /// <summary>How long an id token lives (the edge keeps its own session; this only bounds a replayed token).</summary>
    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
