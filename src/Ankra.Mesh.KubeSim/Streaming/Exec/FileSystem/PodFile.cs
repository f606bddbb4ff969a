namespace Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;

/// <summary>
/// A regular file. Truncating replaces <see cref="Content"/> rather than clearing it, so a reader that
/// opened the file before keeps reading what it opened (as with a real file's old blocks).
/// </summary>
internal sealed class PodFile : PodFsEntry
{
    public PodFileContent Content { get; set; } = new();

    /// <summary>False once removed: its bytes no longer count against the pod's capacity.</summary>
    public bool IsLinked { get; set; } = true;
}
