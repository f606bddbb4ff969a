using Ankra.Mesh.Edge.Audit;

namespace Ankra.Mesh.Edge.Tests.Audit;

/// <summary>The gateway reads requests as the API server's request-info rules do (k8s.io/apiserver/pkg/endpoints/request).</summary>
public sealed class KubeRequestInfoParserTests
{
    [Theory]
    // method, path?query, verb, group, version, namespace, resource, subresource, name
    [InlineData("GET", "/api/v1/namespaces/demo/pods", "list", "", "v1", "demo", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods?watch=1&resourceVersion=10", "watch", "", "v1", "demo", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods?watch=true", "watch", "", "v1", "demo", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods?watch=0", "list", "", "v1", "demo", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods?watch=false", "list", "", "v1", "demo", "pods", "", "")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods/web-0", "get", "", "v1", "demo", "pods", "", "web-0")]
    [InlineData("HEAD", "/api/v1/namespaces/demo/pods/web-0", "get", "", "v1", "demo", "pods", "", "web-0")]
    [InlineData("GET", "/api/v1/pods", "list", "", "v1", "", "pods", "", "")]
    [InlineData("GET", "/api/v1/nodes/node-1", "get", "", "v1", "", "nodes", "", "node-1")]
    [InlineData("DELETE", "/api/v1/namespaces/demo/pods/web-0", "delete", "", "v1", "demo", "pods", "", "web-0")]
    [InlineData("DELETE", "/api/v1/namespaces/demo/pods?labelSelector=app%3Dweb", "deletecollection", "", "v1", "demo", "pods", "", "")]
    [InlineData("POST", "/api/v1/namespaces/demo/configmaps", "create", "", "v1", "demo", "configmaps", "", "")]
    [InlineData("PUT", "/apis/apps/v1/namespaces/demo/deployments/web", "update", "apps", "v1", "demo", "deployments", "", "web")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/demo/deployments/web/scale", "patch", "apps", "v1", "demo", "deployments", "scale", "web")]
    [InlineData("GET", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "list", "rbac.authorization.k8s.io", "v1", "", "clusterrolebindings", "", "")]
    [InlineData("POST", "/api/v1/namespaces/demo/pods/web-0/exec?command=sh&command=-c&stdout=true", "create", "", "v1", "demo", "pods", "exec", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods/web-0/exec?command=ls", "get", "", "v1", "demo", "pods", "exec", "web-0")]
    [InlineData("POST", "/api/v1/namespaces/demo/pods/web-0/attach?stdin=true", "create", "", "v1", "demo", "pods", "attach", "web-0")]
    [InlineData("POST", "/api/v1/namespaces/demo/pods/web-0/portforward?ports=8080", "create", "", "v1", "demo", "pods", "portforward", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods/web-0/log?follow=true", "get", "", "v1", "demo", "pods", "log", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods/web-0/proxy/metrics", "get", "", "v1", "demo", "pods", "proxy", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/demo/services/web:8080/proxy/", "get", "", "v1", "demo", "services", "proxy", "web:8080")]
    [InlineData("GET", "/api/v1/proxy/namespaces/demo/pods/web-0/healthz", "proxy", "", "v1", "demo", "pods", "", "web-0")]
    [InlineData("GET", "/api/v1/watch/namespaces/demo/pods", "watch", "", "v1", "demo", "pods", "", "")]
    [InlineData("GET", "/api/v1/watch/namespaces/demo/pods/web-0", "watch", "", "v1", "demo", "pods", "", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/demo", "get", "", "v1", "demo", "namespaces", "", "demo")]
    [InlineData("PUT", "/api/v1/namespaces/demo/status", "update", "", "v1", "demo", "namespaces", "status", "demo")]
    [InlineData("PUT", "/api/v1/namespaces/demo/finalize", "update", "", "v1", "demo", "namespaces", "finalize", "demo")]
    [InlineData("GET", "/api/v1/namespaces", "list", "", "v1", "", "namespaces", "", "")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods?fieldSelector=metadata.name%3Dweb-0&watch=1", "watch", "", "v1", "demo", "pods", "", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods?fieldSelector=metadata.name%3D%3Dweb-0", "list", "", "v1", "demo", "pods", "", "web-0")]
    [InlineData("GET", "/api/v1/namespaces/demo/pods?fieldSelector=status.phase%3DRunning", "list", "", "v1", "demo", "pods", "", "")]
    public void Parse_ResourceRequest_ReadsAsTheApiServerDoes(
        string method, string pathAndQuery, string verb, string group, string version, string ns, string resource, string subresource, string name)
    {
        var info = Parse(method, pathAndQuery);

        Assert.True(info.IsResourceRequest);
        Assert.Equal(
            (verb, group, version, ns, resource, subresource, name),
            (info.Verb, info.ApiGroup, info.ApiVersion, info.Namespace, info.Resource, info.Subresource, info.Name));
    }

    [Theory]
    [InlineData("GET", "/api", "get")]
    [InlineData("GET", "/api/v1", "get")]
    [InlineData("GET", "/apis", "get")]
    [InlineData("GET", "/apis/apps", "get")]
    [InlineData("GET", "/apis/apps/v1", "get")]
    [InlineData("GET", "/version", "get")]
    [InlineData("GET", "/openapi/v3/api/v1", "get")]
    [InlineData("POST", "/healthz", "post")]
    [InlineData("GET", "/", "get")]
    public void Parse_NonResourcePath_VerbIsTheLowerCaseMethod(string method, string path, string verb)
    {
        var info = Parse(method, path);

        Assert.False(info.IsResourceRequest);
        Assert.Equal(verb, info.Verb);
        Assert.Equal("", info.Resource);
    }

    private static KubeRequestInfo Parse(string method, string pathAndQuery)
    {
        var split = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = split < 0 ? pathAndQuery : pathAndQuery[..split];
        var query = split < 0 ? "" : pathAndQuery[split..];
        return KubeRequestInfoParser.Parse(method, path, KubeRequestInfoParser.ParseQuery(query));
    }
}
