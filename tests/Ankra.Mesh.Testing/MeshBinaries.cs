using System.Diagnostics;

namespace Ankra.Mesh.Testing;

/// <summary>
/// The built programs of this repository (edge, silo, agent, KubeSim, ankra), started the way an operator
/// would: <c>dotnet &lt;project&gt;.dll</c> from the project's own build output, same configuration as the tests;
/// <c>ankra</c> is the published Native AOT binary.
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

    /// <summary>
    /// The Native AOT <c>ankra</c> CLI that <c>./mesh build</c> publishes (an absolute path): tests, the demo and
    /// the kubeconfigs they write run the binary users get, whose start-up cost kubectl pays on every command.
    /// </summary>
    public static string Ankra => PublishedAnkra.Value;

    private static readonly Lazy<string> PublishedAnkra = new(FindPublishedAnkra);

    private static string FindPublishedAnkra()
    {
        var path = RepositoryPaths.Combine(".mesh", "publish", "ankra", "ankra");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run `./mesh build`, which publishes the Native AOT ankra CLI there.");
        }

        // `dotnet test` rebuilds the JIT projects but never this binary: refuse to test stale code. Same rule as
        // publish_cli in ./mesh, whose stamp marks when the last successful publish began.
        var stamp = Path.Combine(Path.GetDirectoryName(path)!, ".published-sources");
        var publishedAt = File.Exists(stamp) ? File.GetLastWriteTimeUtc(stamp) : DateTime.MinValue;
        // The CLI and the shared projects compiled into it (kubeconfig model, private-CA trust).
        var changed = ((string[])["Ankra.Mesh.Cli", "Ankra.Mesh.Kubeconfig", "Ankra.Mesh.PrivateCa"])
            .Select(project => RepositoryPaths.Combine("src", project))
            .SelectMany(project => Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories)
                .Where(file => !IsBuildOutput(Path.GetRelativePath(project, file))))
            .FirstOrDefault(file => File.GetLastWriteTimeUtc(file) > publishedAt);
        return changed is null
            ? path
            : throw new InvalidOperationException($"{path} is older than {changed}: run `./mesh build` to publish the current CLI.");
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relativePath.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

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
