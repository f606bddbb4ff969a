namespace Ankra.Mesh.Grains;

/// <summary>The grain storage provider every grain uses.</summary>
public static class MeshStorage
{
    /// <summary>Provider name (memory in the embedded default, AdoNet/PostgreSQL in production).</summary>
    public const string Name = "mesh";
}
