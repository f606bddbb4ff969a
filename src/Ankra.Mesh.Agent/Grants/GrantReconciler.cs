using System.Text.Json;
using System.Text.RegularExpressions;
using Ankra.Mesh.Agent.Diagnostics;
using Ankra.Mesh.Agent.Kubernetes;
using Ankra.Mesh.Agent.Tunnel;
using Ankra.Mesh.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Agent.Grants;

/// <summary>
/// Makes the cluster's RBAC match the desired grant set: creates or updates the binding of every grant,
/// deletes owned bindings whose grant is gone (revocation, drift), and returns each grant's outcome with
/// the API server's own error message when it refused.
/// </summary>
internal sealed partial class GrantReconciler(ApiServerConnection apiServer, ILogger<GrantReconciler> logger, TimeProvider time)
{
    private static readonly HashSet<string> BuiltInRoles = ["view", "edit", "admin", "cluster-admin"];

    public async Task<IReadOnlyList<GrantStatus>> ReconcileAsync(IReadOnlyCollection<DesiredGrant> desired, CancellationToken cancellationToken = default)
    {
        var rbac = apiServer.Client.RbacAuthorizationV1;
        var statuses = new List<GrantStatus>(desired.Count);
        foreach (var grant in desired)
        {
            statuses.Add(await ApplyAsync(rbac, grant, cancellationToken));
        }

        var wanted = desired.Select(grant => OwnedBindingLabels.BindingName(grant.GrantId)).ToHashSet(StringComparer.Ordinal);
        var clusterBindings = await rbac.ListClusterRoleBindingAsync(labelSelector: OwnedBindingLabels.Selector, cancellationToken: cancellationToken);
        foreach (var binding in clusterBindings.Items.Where(b => !wanted.Contains(b.Metadata.Name) || IsNamespaceGrant(desired, b.Metadata.Name)))
        {
            await DeleteAsync(() => rbac.DeleteClusterRoleBindingAsync(binding.Metadata.Name, cancellationToken: cancellationToken), binding.Metadata.Name);
        }

        var namespaceBindings = await rbac.ListRoleBindingForAllNamespacesAsync(labelSelector: OwnedBindingLabels.Selector, cancellationToken: cancellationToken);
        foreach (var binding in namespaceBindings.Items.Where(b => !wanted.Contains(b.Metadata.Name) || !InDesiredNamespace(desired, b.Metadata.Name, b.Metadata.NamespaceProperty)))
        {
            await DeleteAsync(() => rbac.DeleteNamespacedRoleBindingAsync(binding.Metadata.Name, binding.Metadata.NamespaceProperty, cancellationToken: cancellationToken), binding.Metadata.Name);
        }

        return statuses;
    }

    private async Task<GrantStatus> ApplyAsync(IRbacAuthorizationV1Operations rbac, DesiredGrant grant, CancellationToken cancellationToken)
    {
        if (Validate(grant) is { } invalid)
        {
            return Status(grant, GrantReconcileState.Failed, invalid);
        }

        var name = OwnedBindingLabels.BindingName(grant.GrantId);
        try
        {
            if (grant.Scope == GrantScope.Cluster)
            {
                var existing = await ReadOrNullAsync(() => rbac.ReadClusterRoleBindingAsync(name, cancellationToken: cancellationToken));
                if (existing is null)
                {
                    await rbac.CreateClusterRoleBindingAsync(BindingFactory.ClusterBinding(grant), cancellationToken: cancellationToken);
                }
                else if (!BindingFactory.SameRole(existing.RoleRef, grant))
                {
                    // roleRef is immutable in Kubernetes: a changed role means delete and create.
                    await rbac.DeleteClusterRoleBindingAsync(name, cancellationToken: cancellationToken);
                    await rbac.CreateClusterRoleBindingAsync(BindingFactory.ClusterBinding(grant), cancellationToken: cancellationToken);
                }
                else if (!BindingFactory.SameSubject(existing.Subjects, existing.Metadata.Annotations, grant))
                {
                    // The member's email changed: subjects are mutable, so one update swaps the name with no moment
                    // in which the member holds no binding (delete and create would refuse their requests meanwhile).
                    var binding = BindingFactory.ClusterBinding(grant);
                    binding.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                    await rbac.ReplaceClusterRoleBindingAsync(binding, name, cancellationToken: cancellationToken);
                    AgentLog.BindingSubjectChanged(logger, name, SubjectOf(existing.Subjects), grant.KubernetesUser);
                }
            }
            else
            {
                var existing = await ReadOrNullAsync(() => rbac.ReadNamespacedRoleBindingAsync(name, grant.Namespace, cancellationToken: cancellationToken));
                if (existing is null)
                {
                    await rbac.CreateNamespacedRoleBindingAsync(BindingFactory.NamespaceBinding(grant), grant.Namespace, cancellationToken: cancellationToken);
                }
                else if (!BindingFactory.SameRole(existing.RoleRef, grant))
                {
                    await rbac.DeleteNamespacedRoleBindingAsync(name, grant.Namespace, cancellationToken: cancellationToken);
                    await rbac.CreateNamespacedRoleBindingAsync(BindingFactory.NamespaceBinding(grant), grant.Namespace, cancellationToken: cancellationToken);
                }
                else if (!BindingFactory.SameSubject(existing.Subjects, existing.Metadata.Annotations, grant))
                {
                    var binding = BindingFactory.NamespaceBinding(grant);
                    binding.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                    await rbac.ReplaceNamespacedRoleBindingAsync(binding, name, grant.Namespace, cancellationToken: cancellationToken);
                    AgentLog.BindingSubjectChanged(logger, name, SubjectOf(existing.Subjects), grant.KubernetesUser);
                }
            }

            AgentLog.GrantApplied(logger, grant.GrantId, grant.Role, grant.Namespace);
            return Status(grant, GrantReconcileState.Applied, "");
        }
        catch (HttpOperationException exception)
        {
            var message = ApiServerMessage(exception);
            AgentLog.GrantFailed(logger, grant.GrantId, message);
            return Status(grant, GrantReconcileState.Failed, message);
        }
    }

    private async Task DeleteAsync(Func<Task> delete, string name)
    {
        try
        {
            await delete();
            AgentLog.BindingRemoved(logger, name);
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Already gone: the desired state holds.
        }
    }

    private static async Task<T?> ReadOrNullAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException exception) when (exception.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static bool IsNamespaceGrant(IReadOnlyCollection<DesiredGrant> desired, string bindingName) =>
        desired.Any(g => OwnedBindingLabels.BindingName(g.GrantId) == bindingName && g.Scope == GrantScope.Namespace);

    private static bool InDesiredNamespace(IReadOnlyCollection<DesiredGrant> desired, string bindingName, string ns) =>
        desired.Any(g => OwnedBindingLabels.BindingName(g.GrantId) == bindingName && g.Scope == GrantScope.Namespace && g.Namespace == ns);

    private static string? Validate(DesiredGrant grant)
    {
        if (!GrantIdPattern().IsMatch(grant.GrantId))
        {
            return $"grant id \"{grant.GrantId}\" is not a valid binding name part";
        }

        if (!BuiltInRoles.Contains(grant.Role))
        {
            return $"role \"{grant.Role}\" is not one of view, edit, admin, cluster-admin";
        }

        if (ImpersonatedName.Problem(grant.KubernetesUser) is { } user)
        {
            return $"the grant's Kubernetes user name \"{grant.KubernetesUser}\" {user}";
        }

        return grant.Scope switch
        {
            GrantScope.Cluster => null,
            GrantScope.Namespace when NamespacePattern().IsMatch(grant.Namespace) => null,
            GrantScope.Namespace => $"namespace \"{grant.Namespace}\" is not a DNS-1123 label",
            _ => $"scope {grant.Scope} is not cluster or namespace",
        };
    }

    private static string SubjectOf(IList<k8s.Models.Rbacv1Subject>? subjects) =>
        subjects is { Count: > 0 } ? string.Join(" ", subjects.Select(s => $"{s.Kind}/{s.Name}")) : "(none)";

    private GrantStatus Status(DesiredGrant grant, GrantReconcileState state, string error) => new()
    {
        GrantId = grant.GrantId,
        State = state,
        Error = error,
        ReconciledAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
    };

    /// <summary>The API server's Status message (what an operator can act on), else the HTTP status.</summary>
    private static string ApiServerMessage(HttpOperationException exception)
    {
        try
        {
            using var status = JsonDocument.Parse(exception.Response.Content ?? "");
            if (status.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (JsonException)
        {
        }

        return $"the API server answered {(int)exception.Response.StatusCode} {exception.Response.ReasonPhrase}";
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$")]
    private static partial Regex GrantIdPattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex NamespacePattern();
}
