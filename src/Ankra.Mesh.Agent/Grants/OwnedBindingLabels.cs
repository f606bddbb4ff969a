namespace Ankra.Mesh.Agent.Grants;

/// <summary>
/// How the agent recognises the RBAC bindings it owns: a managed-by label, and the grant id as a label
/// and in the binding's name. Bindings without the label are never touched, whoever created them.
/// </summary>
internal static class OwnedBindingLabels
{
    public const string ManagedByKey = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "ankra-mesh";
    public const string GrantIdKey = "ankra.io/grant-id";
    public const string UserAnnotation = "ankra.io/user";
    public const string UserIdAnnotation = "ankra.io/user-id";

    /// <summary>Label selector that lists only our bindings.</summary>
    public const string Selector = $"{ManagedByKey}={ManagedByValue}";

    /// <summary>The binding name for a grant (grant ids are UUIDs, so the name is a valid DNS subdomain).</summary>
    public static string BindingName(string grantId) => $"ankra-grant-{grantId}";
}
