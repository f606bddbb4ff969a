using System.Diagnostics;

namespace Ankra.Mesh.Testing;

/// <summary>
/// The built programs of this repository (edge, silo, agent, KubeSim, ankra), started the way an operator
/// would: <c>dotnet &lt;project&gt;.dll</c> from the project's own build output, same configuration as the tests.
/// </summary>
public static class MeshBinaries
{
    /// <summary>Debug or Release: whatever this test assembly was built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>Path of a project's built assembly, e.g. <c>PathOf("Ankra.Mesh.Edge")</c>.</summary>
    public static string PathOf(string project, string? assemblyName = null)
    {
        var path = RepositoryPaths.Combine("src", project, "bin", Configuration, "net10.0", (assemblyName ?? project) + ".dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: build the solution first (`./mesh build`).");
    }

    /// <summary>The built <c>ankra</c> CLI (its apphost).</summary>
    public static string Ankra => Path.Combine(Path.GetDirectoryName(PathOf("Ankra.Mesh.Cli", "ankra"))!, "ankra");

    /// <summary>A start description for <c>dotnet &lt;project&gt;.dll</c> with the given settings as environment variables.</summary>
    public static ProcessStartInfo StartInfo(string project, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet") { ArgumentList = { PathOf(project) }, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings)
        {
            // Configuration keys as environment variables: "Mesh:Agent:EdgeUrl" → "Mesh__Agent__EdgeUrl".
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return startInfo;
    }
}
