using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ankra.Mesh.Deploy.Tests.Containers;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Deploy.Tests;

/// <summary>
/// The Dockerfile's rules, checked without a builder (none can pull base images here): a target per deployable,
/// base images pinned to exact versions, non-root runtime users, and a restore layer that holds every project file
/// the deployables need.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] Deployables = ["Edge", "Silo", "Agent", "Cli"];
    private readonly DockerfileModel _dockerfile = DockerfileModel.Parse(File.ReadAllText(RepositoryPaths.Combine("Dockerfile")));

    [Fact]
    public void Targets_OnePerDeployable_EachStartsItsOwnAssembly()
    {
        foreach (var (target, assembly) in new[] { ("edge", "Ankra.Mesh.Edge.dll"), ("silo", "Ankra.Mesh.Silo.dll"), ("agent", "Ankra.Mesh.Agent.dll"), ("cli", "ankra.dll") })
        {
            var entrypoint = _dockerfile.StageNamed(target).Instructions.Last(i => i.Keyword == "ENTRYPOINT").Arguments;
            Assert.Contains($"\"/app/{assembly}\"", entrypoint, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BaseImages_PinnedToExactVersionsMatchingThePackages()
    {
        var external = _dockerfile.Stages.Select(s => s.From).Where(from => _dockerfile.Stages.All(s => s.Name != from)).ToList();
        Assert.Equal(3, external.Count);
        foreach (var image in external)
        {
            Assert.Matches(PinnedDotnetImage(), image);
        }

        // The runtime the images carry is the one the ASP.NET Core and Extensions packages were built against.
        var packages = XDocument.Load(RepositoryPaths.Combine("Directory.Packages.props"));
        var aspNetCore = packages.Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == "Microsoft.AspNetCore.Authentication.OpenIdConnect").Attribute("Version")!.Value;
        Assert.Equal(aspNetCore, PinnedDotnetImage().Match(_dockerfile.GlobalArgs["ASPNET_IMAGE"]).Groups["version"].Value);
        Assert.Equal(aspNetCore, PinnedDotnetImage().Match(_dockerfile.GlobalArgs["RUNTIME_IMAGE"]).Groups["version"].Value);
    }

    [Theory]
    [InlineData("edge")]
    [InlineData("silo")]
    [InlineData("agent")]
    [InlineData("cli")]
    public void RuntimeTarget_RunsAsNumericNonRootUser(string target)
    {
        var user = _dockerfile.UserOf(target) ?? throw new Xunit.Sdk.XunitException($"target {target} runs as its base image's default user");
        var uid = user.Split(':')[0];
        Assert.True(long.TryParse(uid, out var number) && number > 0, $"target {target} runs as '{user}': runAsNonRoot needs a numeric, non-zero uid");
        Assert.DoesNotContain(_dockerfile.StageNamed(target).Instructions, i => i.Keyword == "COPY" && i.Arguments.Contains("--chown", StringComparison.Ordinal));
    }

    [Fact]
    public void RestoreLayer_CopiesEveryProjectTheDeployablesReference()
    {
        var build = _dockerfile.StageNamed("build").Instructions;
        var restore = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.True(restore > 0, "the build stage has no restore step");
        var copied = build.Take(restore).Where(i => i.Keyword == "COPY").Select(i => i.Arguments).ToList();

        foreach (var project in ProjectClosure(Deployables.Select(d => $"Ankra.Mesh.{d}")))
        {
            Assert.Contains($"src/{project}/*.csproj src/{project}/", copied);
        }

        var publish = build.Single(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).Arguments;
        Assert.Contains($"for project in {string.Join(' ', Deployables)};", publish, StringComparison.Ordinal);
    }

    [Fact]
    public void DockerIgnore_KeepsLocalBuildOutputOutOfTheContext()
    {
        var ignored = File.ReadAllLines(RepositoryPaths.Combine(".dockerignore")).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["**/bin/", "**/obj/", ".mesh/"], StringComparer.Ordinal), ignored);
    }

    /// <summary>The named projects and every project they reference, transitively.</summary>
    private static SortedSet<string> ProjectClosure(IEnumerable<string> roots)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots);
        while (pending.TryPop(out var project))
        {
            if (!found.Add(project))
            {
                continue;
            }

            var csproj = XDocument.Load(RepositoryPaths.Combine("src", project, $"{project}.csproj"));
            foreach (var reference in csproj.Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value));
            }
        }

        return found;
    }

    [GeneratedRegex(@"^mcr\.microsoft\.com/dotnet/(sdk|aspnet|runtime):(?<version>\d+\.\d+\.\d+)(-[a-z]+)?(@sha256:[0-9a-f]{64})?$")]
    private static partial Regex PinnedDotnetImage();
}
