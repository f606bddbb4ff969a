namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>Headers through which a client could claim an identity; none of them may reach the cluster.</summary>
internal static class ClientIdentityHeaders
{
    public static bool IsIdentityHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || IsImpersonation(name)
        || name.StartsWith("X-Remote-", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>Impersonate-*</c>: what <c>kubectl --as</c> sends.</summary>
    public static bool IsImpersonation(string name) => name.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase);
}
