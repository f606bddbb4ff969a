using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Agent.Grants;
using Ankra.Mesh.Agent.Kubernetes;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.KubeSim.Hosting;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Tests.Grants;

/// <summary>The reconciler against the simulated API server, as the agent's own service account.</summary>
public sealed class GrantReconcilerTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private KubeSimHost _cluster = null!;
    private ApiServerConnection _apiServer = null!;

    public async Task InitializeAsync()
    {
        _cluster = await KubeSimHost.StartAsync().WaitAsync(Timeout);
        _apiServer = new ApiServerConnection(Options.Create(new AgentOptions
        {
            ApiServer = new ApiServerOptions { Url = _cluster.HttpsUrl.ToString(), Token = _cluster.AgentToken, CaFile = _cluster.CaFile },
        }));
    }

    public async Task DisposeAsync()
    {
        _apiServer.Dispose();
        await _cluster.DisposeAsync();
    }

    [Theory]
    [InlineData(GrantScope.Cluster)]
    [InlineData(GrantScope.Namespace)]
    public async Task Reconcile_EmailChanged_BindingUpdatedInPlaceToTheNewSubject(GrantScope scope)
    {
        var reconciler = new GrantReconciler(_apiServer, NullLogger<GrantReconciler>.Instance, TimeProvider.System);
        var grant = new DesiredGrant
        {
            GrantId = "5b0c3a52-1d9e-4f7a-9a51-2c4e8f0d7b11",
            KubernetesUser = "alice@example.com",
            KubernetesUid = "6c1f0d1e-alice-uid",
            Role = "view",
            Scope = scope,
            Namespace = scope == GrantScope.Namespace ? "default" : "",
        };
        var first = await reconciler.ReconcileAsync([grant]).WaitAsync(Timeout);
        Assert.Equal(GrantReconcileState.Applied, Assert.Single(first).State);
        _cluster.Audit.Clear();

        var renamed = grant.Clone();
        renamed.KubernetesUser = "alice.jones@example.com";
        var second = await reconciler.ReconcileAsync([renamed]).WaitAsync(Timeout);

        Assert.Equal(GrantReconcileState.Applied, Assert.Single(second).State);
        var (subjects, annotations) = await ReadBindingAsync(scope, "ankra-grant-5b0c3a52-1d9e-4f7a-9a51-2c4e8f0d7b11");
        Assert.Equal("alice.jones@example.com", Assert.Single(subjects).Name);
        Assert.Equal("alice.jones@example.com", annotations["ankra.io/user"]);
        Assert.Equal("6c1f0d1e-alice-uid", annotations["ankra.io/user-id"]);
        // One update, never a delete: the member is bound at every moment of the change.
        var writes = _cluster.Audit.Events.Where(e => e.Resource.EndsWith("rolebindings", StringComparison.Ordinal) && e.Verb is "update" or "delete" or "create").ToList();
        Assert.Equal("update", Assert.Single(writes).Verb);
        Assert.Equal(200, writes[0].ResponseCode);
    }

    private async Task<(IList<k8s.Models.Rbacv1Subject> Subjects, IDictionary<string, string> Annotations)> ReadBindingAsync(GrantScope scope, string name)
    {
        var rbac = _apiServer.Client.RbacAuthorizationV1;
        if (scope == GrantScope.Cluster)
        {
            var binding = await rbac.ReadClusterRoleBindingAsync(name).WaitAsync(Timeout);
            return (binding.Subjects, binding.Metadata.Annotations);
        }

        var namespaced = await rbac.ReadNamespacedRoleBindingAsync(name, "default").WaitAsync(Timeout);
        return (namespaced.Subjects, namespaced.Metadata.Annotations);
    }
}
