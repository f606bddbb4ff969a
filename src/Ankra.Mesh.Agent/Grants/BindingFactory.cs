using Ankra.Mesh.Contracts.V1;
using k8s.Models;

namespace Ankra.Mesh.Agent.Grants;

/// <summary>
/// Builds the ClusterRoleBinding (cluster scope) or RoleBinding (namespace scope) a grant stands for. The subject is
/// the <c>User</c> the agent impersonates — the member's email — and the binding carries the member's stable user id
/// as an annotation, so a binding found in the cluster names the person even after their email changed.
/// </summary>
internal static class BindingFactory
{
    private const string RbacGroup = "rbac.authorization.k8s.io";

    public static V1ObjectMeta Metadata(DesiredGrant grant, string? ns) => new()
    {
        Name = OwnedBindingLabels.BindingName(grant.GrantId),
        NamespaceProperty = ns,
        Labels = new Dictionary<string, string>
        {
            [OwnedBindingLabels.ManagedByKey] = OwnedBindingLabels.ManagedByValue,
            [OwnedBindingLabels.GrantIdKey] = grant.GrantId,
        },
        Annotations = Annotations(grant),
    };

    public static V1RoleRef RoleRef(DesiredGrant grant) => new() { ApiGroup = RbacGroup, Kind = "ClusterRole", Name = grant.Role };

    public static List<Rbacv1Subject> Subjects(DesiredGrant grant) =>
        [new Rbacv1Subject { ApiGroup = RbacGroup, Kind = "User", Name = grant.KubernetesUser }];

    public static V1ClusterRoleBinding ClusterBinding(DesiredGrant grant) => new()
    {
        ApiVersion = $"{RbacGroup}/v1",
        Kind = "ClusterRoleBinding",
        Metadata = Metadata(grant, null),
        RoleRef = RoleRef(grant),
        Subjects = Subjects(grant),
    };

    public static V1RoleBinding NamespaceBinding(DesiredGrant grant) => new()
    {
        ApiVersion = $"{RbacGroup}/v1",
        Kind = "RoleBinding",
        Metadata = Metadata(grant, grant.Namespace),
        RoleRef = RoleRef(grant),
        Subjects = Subjects(grant),
    };

    /// <summary>True when an existing binding refers to the grant's role (roleRef is immutable: another role means delete and create).</summary>
    public static bool SameRole(V1RoleRef existingRole, DesiredGrant grant) =>
        existingRole.Name == grant.Role && existingRole.Kind == "ClusterRole";

    /// <summary>True when an existing binding names exactly the grant's user (only that subject) with the grant's annotations.</summary>
    public static bool SameSubject(IList<Rbacv1Subject>? existingSubjects, IDictionary<string, string>? existingAnnotations, DesiredGrant grant) =>
        existingSubjects is { Count: 1 } && existingSubjects[0].Kind == "User" && existingSubjects[0].Name == grant.KubernetesUser
        && Annotations(grant).All(a => existingAnnotations?.TryGetValue(a.Key, out var value) == true && value == a.Value);

    /// <summary>True when an existing binding already says what the grant says (nothing to write).</summary>
    public static bool Matches(V1RoleRef existingRole, IList<Rbacv1Subject>? existingSubjects, IDictionary<string, string>? existingAnnotations, DesiredGrant grant) =>
        SameRole(existingRole, grant) && SameSubject(existingSubjects, existingAnnotations, grant);

    private static Dictionary<string, string> Annotations(DesiredGrant grant)
    {
        var annotations = new Dictionary<string, string> { [OwnedBindingLabels.UserAnnotation] = grant.KubernetesUser };
        if (!string.IsNullOrEmpty(grant.KubernetesUid))
        {
            annotations[OwnedBindingLabels.UserIdAnnotation] = grant.KubernetesUid;
        }

        return annotations;
    }
}
