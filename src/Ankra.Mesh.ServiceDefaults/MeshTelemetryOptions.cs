namespace Ankra.Mesh.ServiceDefaults;

/// <summary>Where the operator's endpoints listen and how many clusters get a label of their own (<c>Mesh:Telemetry</c>).</summary>
public sealed class MeshTelemetryOptions
{
    public const string Section = "Mesh:Telemetry";

    /// <summary>
    /// The internal listener (<c>http://0.0.0.0:8080</c> in the manifests): <c>/metrics</c>, <c>/healthz</c>,
    /// <c>/livez</c> and <c>/readyz</c> are served there and nowhere else; every other path is 404 on it. Unset, the
    /// process serves none of them (and says so at start) rather than put them on a public listener.
    /// </summary>
    public string? InternalUrl { get; set; }

    /// <summary>
    /// How many distinct clusters one process labels by id (<c>cluster</c> label); the rest share <c>other</c>. Bounds the
    /// series an edge exports however many clusters it serves (see README "Telemetry").
    /// </summary>
    public int MaxClusterLabels { get; set; } = 50;
}
