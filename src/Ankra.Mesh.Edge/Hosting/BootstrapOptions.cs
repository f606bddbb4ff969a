namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// Start-up bootstrap (<c>Mesh:Bootstrap</c>): when Organisation and AdminEmail are set, the edge
/// makes sure the organisation and its admin exist and writes a fresh admin API token to TokenFile
/// (mode 0600). This is how the embedded default (and <c>./mesh demo</c>) gets its first user,
/// because a separate <c>bootstrap</c> process cannot reach the embedded, in-memory state.
/// </summary>
public sealed class BootstrapOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Mesh:Bootstrap";

    /// <summary>Organisation name.</summary>
    public string? Organisation { get; set; }

    /// <summary>The first admin's email.</summary>
    public string? AdminEmail { get; set; }

    /// <summary>Where to write the admin API token.</summary>
    public string? TokenFile { get; set; }
}
