namespace Ankra.Mesh.Testing;

/// <summary>The fixed kubectl versions installed on our machines (never the /usr/bin dispatcher, which picks one itself).</summary>
public static class KubectlBinary
{
    /// <summary>The versions tests cover: oldest, the WebSocket-exec transition, newest.</summary>
    public static readonly IReadOnlyList<string> CoveredVersions = ["1.27", "1.30", "1.33"];

    /// <summary>Path of kubectl <paramref name="version"/> (e.g. "1.33").</summary>
    public static string PathFor(string version)
    {
        var path = $"/usr/lib/google-cloud-sdk/bin/kubectl.{version}";
        return File.Exists(path) ? path : throw new InvalidOperationException($"kubectl {version} is not installed at {path}.");
    }
}
