namespace Ankra.Mesh.KubeSim.Tests.Kubectl;

/// <summary>auth can-i, auth whoami, impersonation with --as, and RBAC answers as kubectl users see them.</summary>
public sealed class KubectlAuthTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task AuthWhoami_WithAndWithoutAs_PrintsTheIdentity(string version)
    {
        var self = (await cluster.RunAsync(version, ["auth", "whoami"], cluster.AliceConfig)).Succeeded();
        var impersonated = (await cluster.RunAsync(version, ["auth", "whoami", "--as=carol", "--as-group=auditors"])).Succeeded();

        Assert.Matches(@"^ATTRIBUTE\s+VALUE$", self.Lines[0]);
        Assert.Matches(@"^Username\s+alice$", self.Lines[1]);
        Assert.Matches(@"^Groups\s+\[developers system:authenticated\]$", self.Lines[2]);
        Assert.Matches(@"^Username\s+carol$", impersonated.Lines[1]);
        Assert.Matches(@"^Groups\s+\[auditors system:authenticated\]$", impersonated.Lines[2]);
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task AuthCanI_AdminAndUnboundUser_AnswerYesAndNo(string version)
    {
        var admin = await cluster.RunAsync(version, ["auth", "can-i", "delete", "pods", "-n", "kube-system"]);
        var alice = await cluster.RunAsync(version, ["auth", "can-i", "delete", "pods"], cluster.AliceConfig);
        var asAlice = await cluster.RunAsync(version, ["auth", "can-i", "list", "secrets", "--as=alice"]);

        Assert.Equal((0, "yes"), (admin.ExitCode, admin.Output.Trim()));
        Assert.Equal((1, "no"), (alice.ExitCode, alice.Output.Trim()));
        Assert.Equal((1, "no"), (asAlice.ExitCode, asAlice.Output.Trim()));
    }

    [Fact]
    public async Task As_UserWithoutImpersonateRight_GetsKubernetesForbiddenMessage()
    {
        var user = await cluster.RunAsync(KubectlVersions.Newest, ["get", "pods", "--as=bob"], cluster.AliceConfig);
        var serviceAccount = await cluster.RunAsync(KubectlVersions.Newest, ["get", "pods", "--as=system:serviceaccount:ops:robot"], cluster.AliceConfig);

        Assert.Contains("Error from server (Forbidden): users \"bob\" is forbidden: User \"alice\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope", user.Error, StringComparison.Ordinal);
        Assert.Contains("Error from server (Forbidden): serviceaccounts \"robot\" is forbidden: User \"alice\" cannot impersonate resource \"serviceaccounts\" in API group \"\" in the namespace \"ops\"", serviceAccount.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task ViewInOneNamespace_ListsThereButCannotDeleteOrListElsewhere(string version)
    {
        var ns = $"team-{version.Replace(".", "", StringComparison.Ordinal)}";
        (await cluster.RunAsync(KubectlVersions.Newest, ["create", "namespace", ns])).Succeeded();
        (await cluster.RunAsync(KubectlVersions.Newest, ["create", "rolebinding", "alice-view", "-n", ns, "--clusterrole=view", "--user=alice"])).Succeeded();
        cluster.Server.Seed(KubectlReadTests.Pod("app", ns));

        var list = await cluster.RunAsync(version, ["get", "pods", "-n", ns], cluster.AliceConfig);
        var delete = await cluster.RunAsync(version, ["delete", "pod", "app", "-n", ns], cluster.AliceConfig);
        var elsewhere = await cluster.RunAsync(version, ["get", "pods", "-n", "default"], cluster.AliceConfig);

        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"^app\s+1/1\s+Running", list.Lines[1]);
        Assert.NotEqual(0, delete.ExitCode);
        Assert.Contains($"Error from server (Forbidden): pods \"app\" is forbidden: User \"alice\" cannot delete resource \"pods\" in API group \"\" in the namespace \"{ns}\"", delete.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, elsewhere.ExitCode);
        Assert.Contains("Error from server (Forbidden): pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"", elsewhere.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_AreAudited_WithAuthenticatedAndImpersonatedIdentity()
    {
        (await cluster.RunAsync(KubectlVersions.Newest, ["get", "namespaces", "--as=dave", "--as-group=system:masters"])).Succeeded();

        var entry = await cluster.Server.Audit.WaitForAsync(e => e.ImpersonatedUser?.Name == "dave" && e.Resource == "namespaces")
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("admin", entry.User!.Name);
        Assert.Equal("list", entry.Verb);
        Assert.Equal(200, entry.ResponseCode);
        Assert.Equal(["system:masters", "system:authenticated"], entry.ImpersonatedUser!.Groups);
    }
}
