namespace Ankra.Mesh.KubeSim.Api;

/// <summary>What a request asks for, parsed from its path the way the API server's RequestInfoFactory does.</summary>
internal sealed record RequestInfo(
    bool IsResourceRequest,
    string Path,
    string Verb,
    string ApiGroup,
    string ApiVersion,
    string Namespace,
    string Resource,
    string Subresource,
    string Name)
{
    /// <summary>A cluster-scoped or namespaced collection (no name).</summary>
    public bool IsCollection => Name.Length == 0;

    public string ResourceWithSubresource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";
}
