using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Edge.Tests.Fixtures;

/// <summary>Paths of our built executables (same configuration as this test assembly).</summary>
internal static class BuiltProgram
{
    /// <summary>e.g. <c>src/Ankra.Mesh.Silo/bin/Debug/net10.0/Ankra.Mesh.Silo.dll</c>.</summary>
    public static string Dll(string project)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/')))!;
        return RepositoryPaths.Combine("src", project, "bin", configuration, "net10.0", $"{project}.dll");
    }
}
