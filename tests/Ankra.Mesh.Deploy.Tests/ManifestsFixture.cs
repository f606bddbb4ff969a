using Ankra.Mesh.Deploy.Tests.Rendering;
using Ankra.Mesh.Deploy.Tests.Validation;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Deploy.Tests;

/// <summary>
/// Renders k8s/control-plane, k8s/agent and a parameterised agent overlay with kubectl 1.27 and 1.33 (once for
/// <see cref="ManifestsCollection"/>), and validates every rendered object against the Kubernetes 1.27 and 1.33 schemas in one run.
/// </summary>
public sealed class ManifestsFixture : IAsyncLifetime
{
    private readonly AgentOverlay _overlay = AgentOverlay.Create();
    private readonly List<(RenderedManifests Rendering, IReadOnlyList<SchemaFinding> Findings)> _validated = [];

    internal Dictionary<string, RenderedManifests> ControlPlane { get; } = [];

    internal Dictionary<string, RenderedManifests> Agent { get; } = [];

    internal Dictionary<string, RenderedManifests> AgentCustomised { get; } = [];

    /// <summary>Every rendering with the findings for its objects.</summary>
    internal IReadOnlyList<(RenderedManifests Rendering, IReadOnlyList<SchemaFinding> Findings)> Validated => _validated;

    public async Task InitializeAsync()
    {
        foreach (var version in Kustomize.KubectlVersions)
        {
            ControlPlane[version] = await Kustomize.RenderAsync(version, RepositoryPaths.Combine("k8s", "control-plane"));
            Agent[version] = await Kustomize.RenderAsync(version, RepositoryPaths.Combine("k8s", "agent"));
            AgentCustomised[version] = await Kustomize.RenderAsync(version, _overlay.Directory);
        }

        var renderings = ControlPlane.Values.Concat(Agent.Values).Concat(AgentCustomised.Values).ToList();
        var findings = await KubernetesSchemaValidator.ValidateAsync(renderings.SelectMany(r => r.Objects).ToList());
        var offset = 0;
        foreach (var rendering in renderings)
        {
            var start = offset;
            offset += rendering.Objects.Count;
            _validated.Add((rendering, findings
                .Where(f => f.Index >= start && f.Index < offset)
                .Select(f => f with { Index = f.Index - start })
                .ToList()));
        }
    }

    public Task DisposeAsync()
    {
        _overlay.Dispose();
        return Task.CompletedTask;
    }
}
