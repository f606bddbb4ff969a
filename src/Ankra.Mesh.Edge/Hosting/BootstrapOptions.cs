namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// Start-up bootstrap (<c>Mesh:Bootstrap</c>): when Organisation and AdminEmail are set, the edge
/// makes sure the organisation and its admin exist and that TokenFile (mode 0600) holds the admin's one
/// bootstrap API token: kept while valid, otherwise replaced and the old one revoked. This is how the
/// embedded default (and <c>./mesh demo</c>) gets its first user, because a separate <c>bootstrap</c>
/// process cannot reach the embedded, in-memory state. Configure it on one edge: edges with token files
/// of their own would revoke each other's token at every start.
/// </summary>
public sealed class BootstrapOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Mesh:Bootstrap";

    /// <summary>Organisation name.</summary>
    public string? Organisation { get; set; }

    /// <summary>The first admin's email.</summary>
    public string? AdminEmail { get; set; }

    /// <summary>Where the admin API token is kept (read at start-up, written when it changes).</summary>
    public string? TokenFile { get; set; }
}
