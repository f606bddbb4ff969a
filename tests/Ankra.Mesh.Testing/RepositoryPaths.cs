namespace Ankra.Mesh.Testing;

/// <summary>Locates files of this repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder that holds <c>Ankra.Mesh.sln</c>.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Resolves a path relative to the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ankra.Mesh.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Ankra.Mesh.sln was not found above {AppContext.BaseDirectory}; run tests from inside the repository.");
    }
}
