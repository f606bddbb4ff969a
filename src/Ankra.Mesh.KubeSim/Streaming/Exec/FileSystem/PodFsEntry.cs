namespace Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;

/// <summary>A file or a directory in a pod's in-memory file system; <see cref="PodFileSystem"/> guards every change.</summary>
internal abstract class PodFsEntry
{
    /// <summary>Permission bits (what <c>ls -l</c> shows and <c>tar c</c> stores).</summary>
    public UnixFileMode Mode { get; set; }

    /// <summary>Last modification time.</summary>
    public DateTimeOffset ModifiedAt { get; set; } = DateTimeOffset.UtcNow;
}
