namespace Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;

/// <summary>Path arithmetic for the pod file system: absolute, <c>/</c>-separated, no symlinks to follow.</summary>
internal static class PodPath
{
    /// <summary>
    /// <paramref name="path"/> resolved against <paramref name="directory"/> (an absolute path) with <c>.</c>,
    /// <c>..</c> and repeated slashes removed: <c>Combine("/tmp", "a//b/../c")</c> is <c>/tmp/a/c</c>.
    /// </summary>
    public static string Combine(string directory, string path)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(path);
        var full = path.StartsWith('/') ? path : directory + "/" + path;
        var parts = new List<string>();
        foreach (var part in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>The names along an absolute, normalized path (none for <c>/</c>).</summary>
    public static string[] Segments(string absolutePath) =>
        absolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
