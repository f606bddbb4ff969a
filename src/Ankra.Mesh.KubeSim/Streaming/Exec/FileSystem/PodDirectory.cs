namespace Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;

/// <summary>A directory: its entries by name, in ordinal order so <c>ls</c> and <c>tar c</c> are deterministic.</summary>
internal sealed class PodDirectory : PodFsEntry
{
    public SortedDictionary<string, PodFsEntry> Children { get; } = new(StringComparer.Ordinal);
}
