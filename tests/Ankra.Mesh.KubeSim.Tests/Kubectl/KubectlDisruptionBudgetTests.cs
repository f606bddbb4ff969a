namespace Ankra.Mesh.KubeSim.Tests.Kubectl;

/// <summary>policy/v1 PodDisruptionBudgets (the agent's install manifests carry one): apply, short name, Table columns.</summary>
public sealed class KubectlDisruptionBudgetTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task Apply_PodDisruptionBudget_CreatedThenListedWithItsColumns(string version)
    {
        var name = $"budget-{version.Replace(".", "", StringComparison.Ordinal)}";
        var file = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, $"""
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: {name}
              namespace: default
            spec:
              minAvailable: 1
              selector:
                matchLabels:
                  app: web
            """);
        try
        {
            var created = (await cluster.RunAsync(version, ["apply", "-f", file])).Succeeded();
            var again = (await cluster.RunAsync(version, ["apply", "-f", file])).Succeeded();
            var listed = (await cluster.RunAsync(version, ["get", "pdb", name])).Succeeded();

            Assert.Equal($"poddisruptionbudget.policy/{name} created", created.Output.Trim());
            // kubectl sends the selector again (patchStrategy "replace" in its compiled-in PDB type), so "configured" is
            // what it prints; the point is that a re-applied install succeeds.
            Assert.Matches($"^poddisruptionbudget.policy/{name} (unchanged|configured)$", again.Output.Trim());
            Assert.Matches(@"^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE$", listed.Lines[0]);
            Assert.Matches($@"^{name}\s+1\s+N/A\s+0\s+\d+s$", listed.Lines[1]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
