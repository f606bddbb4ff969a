using System.Diagnostics;
using System.Text.Json;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>
/// The edge is a pure Orleans client: its build output carries the grain interfaces and the client side of hosting,
/// never the grain implementations or the silo (README, "Why these cuts"); the one-process mode is Ankra.Mesh.Standalone.
/// </summary>
public sealed class ProjectGraphTests
{
    private static readonly string[] SiloOnly = ["Ankra.Mesh.Grains", "Ankra.Mesh.Hosting.Silo", "Microsoft.Orleans.Persistence.AdoNet", "Microsoft.Orleans.Server"];

    [Fact]
    public void EdgeBuildOutput_ClientMode_HoldsGrainInterfacesButNoGrainImplementation()
    {
        var edge = MeshBinaries.PathOf("Ankra.Mesh.Edge");
        var directory = Path.GetDirectoryName(edge)!;
        var libraries = Libraries(Path.ChangeExtension(edge, ".deps.json"));

        Assert.Contains("Ankra.Mesh.Grains.Abstractions", libraries);
        Assert.Contains("Ankra.Mesh.Hosting", libraries);
        foreach (var name in SiloOnly)
        {
            Assert.DoesNotContain(name, libraries);
        }

        Assert.False(File.Exists(Path.Combine(directory, "Ankra.Mesh.Grains.dll")), $"{directory} holds the grain implementations");
    }

    [Fact]
    public void StandaloneBuildOutput_HoldsTheEdgeAndTheGrains()
    {
        var libraries = Libraries(Path.ChangeExtension(MeshBinaries.PathOf("Ankra.Mesh.Standalone"), ".deps.json"));

        Assert.Contains("Ankra.Mesh.Edge", libraries);
        Assert.Contains("Ankra.Mesh.Grains", libraries);
    }

    [Fact]
    public async Task EdgeProcess_EmbeddedModeWithoutSilo_ExitsWithUsageErrorNamingStandalone()
    {
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { MeshBinaries.PathOf("Ankra.Mesh.Edge"), "--Mesh:Orleans:Mode=Embedded" } };
        await using var process = ChildProcess.Start("edge-embedded", start);

        await process.WaitForLineAsync(line => line.Contains("run Ankra.Mesh.Standalone", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Equal(2, await process.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain("   at ", process.RecentOutput, StringComparison.Ordinal);
    }

    /// <summary>The names of the libraries a deps.json lists (package and project alike, without versions).</summary>
    private static HashSet<string> Libraries(string depsJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(depsJson));
        return document.RootElement.GetProperty("libraries").EnumerateObject()
            .Select(library => library.Name[..library.Name.LastIndexOf('/')])
            .ToHashSet(StringComparer.Ordinal);
    }
}
