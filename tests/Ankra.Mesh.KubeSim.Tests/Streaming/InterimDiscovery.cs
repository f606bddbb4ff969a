using Ankra.Mesh.KubeSim.Streaming;

namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>INTERIM TEST SCAFFOLDING: the minimal legacy discovery and pod JSON kubectl reads before exec/port-forward.</summary>
internal static class InterimDiscovery
{
    public const string ApiVersions = """{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}""";

    public const string ApiGroupList = """{"kind":"APIGroupList","apiVersion":"v1","groups":[]}""";

    public const string CoreResources = """
        {"kind":"APIResourceList","groupVersion":"v1","resources":[
        {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get","list"],"shortNames":["po"]},
        {"name":"pods/attach","singularName":"","namespaced":true,"kind":"PodAttachOptions","verbs":["create","get"]},
        {"name":"pods/exec","singularName":"","namespaced":true,"kind":"PodExecOptions","verbs":["create","get"]},
        {"name":"pods/portforward","singularName":"","namespaced":true,"kind":"PodPortForwardOptions","verbs":["create","get"]}]}
        """;

    public static string PodJson(StreamingPod pod)
    {
        var ports = string.Join(',', pod.Ports.Select(port => $$"""{"containerPort":{{port}},"protocol":"TCP"}"""));
        var containers = string.Join(',', pod.Containers.Select(name => $$"""{"name":"{{name}}","image":"kubesim/{{name}}","ports":[{{ports}}]}"""));
        var statuses = string.Join(',', pod.Containers.Select(name =>
            $$$$"""{"name":"{{{{name}}}}","ready":true,"started":true,"restartCount":0,"image":"kubesim/{{{{name}}}}","imageID":"","state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}}"""));
        return $$$"""
            {"kind":"Pod","apiVersion":"v1","metadata":{"name":"{{{pod.Name}}}","namespace":"{{{pod.Namespace}}}","uid":"00000000-0000-0000-0000-000000000001","resourceVersion":"1","creationTimestamp":"2026-01-01T00:00:00Z"},
            "spec":{"containers":[{{{containers}}}]},
            "status":{"phase":"Running","podIP":"10.0.0.10","containerStatuses":[{{{statuses}}}]}}
            """;
    }
}
