namespace Ankra.Mesh.Edge.Audit;

/// <summary>
/// What a Kubernetes API request does, as the API server's request-info rules read it from the method, path
/// and query (<c>k8s.io/apiserver/pkg/endpoints/request</c>). For a non-resource path (<c>/healthz</c>,
/// <c>/apis</c>, <c>/version</c>) only <see cref="Verb"/> (the lower-case method) is set.
/// </summary>
internal sealed record KubeRequestInfo(
    bool IsResourceRequest,
    string Verb,
    string ApiGroup,
    string ApiVersion,
    string Namespace,
    string Resource,
    string Subresource,
    string Name);
