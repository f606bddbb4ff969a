using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Deploy.Tests.Rendering;

/// <summary>Renders a kustomization with one of the installed kubectl versions (its built-in kustomize), offline.</summary>
internal static class Kustomize
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The versions that bracket what we support: kustomize v5.0 (kubectl 1.27) and v5.6 (kubectl 1.33).</summary>
    public static readonly IReadOnlyList<string> KubectlVersions = ["1.27", "1.33"];

    /// <summary><c>kubectl kustomize <paramref name="directory"/></c>; throws with kubectl's message when it fails.</summary>
    public static async Task<RenderedManifests> RenderAsync(string kubectlVersion, string directory)
    {
        var result = await CommandRunner.RunAsync(KubectlBinary.PathFor(kubectlVersion), ["kustomize", directory], timeout: Timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl {kubectlVersion} kustomize {directory} failed ({result.ExitCode}): {result.StandardError}");
        }

        return new RenderedManifests(kubectlVersion, directory, result.StandardOutput, YamlDocuments.Parse(result.StandardOutput));
    }
}
