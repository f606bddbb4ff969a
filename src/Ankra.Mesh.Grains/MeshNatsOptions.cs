namespace Ankra.Mesh.Grains;

/// <summary>The NATS connection of silos and edges (<c>Mesh:Nats</c>).</summary>
public sealed class MeshNatsOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Mesh:Nats";

    /// <summary>NATS server URL(s), comma separated.</summary>
    public string Url { get; set; } = "nats://127.0.0.1:4222";
}
