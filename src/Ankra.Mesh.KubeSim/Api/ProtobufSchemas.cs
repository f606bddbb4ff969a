namespace Ankra.Mesh.KubeSim.Api;

/// <summary>
/// Field numbers (from the Kubernetes <c>generated.proto</c> files) of the messages kubectl's typed clients
/// send as protobuf: the create generators (<c>create namespace|configmap|secret|serviceaccount|role|
/// rolebinding|deployment|service</c>, <c>run</c>) and the reviews. A field is <c>number → (json name, type)</c>
/// with types <c>s</c> string, <c>i</c> integer, <c>b</c> bool, <c>y</c> bytes (base64), <c>ms</c>/<c>my</c> maps of
/// string/bytes, <c>ios</c> IntOrString, <c>m:Name</c> a message; a leading <c>[]</c> marks repeated fields.
/// Fields not listed are skipped.
/// </summary>
internal static class ProtobufSchemas
{
    public static readonly Dictionary<string, Dictionary<int, (string Name, string Type)>> Messages = new(StringComparer.Ordinal)
    {
        ["ObjectMeta"] = new() { [1] = ("name", "s"), [2] = ("generateName", "s"), [3] = ("namespace", "s"), [5] = ("uid", "s"), [6] = ("resourceVersion", "s"), [7] = ("generation", "i"), [11] = ("labels", "ms"), [12] = ("annotations", "ms"), [13] = ("ownerReferences", "[]m:OwnerReference"), [14] = ("finalizers", "[]s") },
        ["OwnerReference"] = new() { [1] = ("kind", "s"), [3] = ("name", "s"), [4] = ("uid", "s"), [5] = ("apiVersion", "s"), [6] = ("controller", "b"), [7] = ("blockOwnerDeletion", "b") },
        ["Namespace"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("spec", "m:NamespaceSpec") },
        ["NamespaceSpec"] = new() { [1] = ("finalizers", "[]s") },
        ["ConfigMap"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("data", "ms"), [3] = ("binaryData", "my"), [4] = ("immutable", "b") },
        ["Secret"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("data", "my"), [3] = ("type", "s"), [4] = ("stringData", "ms"), [5] = ("immutable", "b") },
        ["ServiceAccount"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("secrets", "[]m:ObjectReference"), [3] = ("imagePullSecrets", "[]m:LocalObjectReference"), [4] = ("automountServiceAccountToken", "b") },
        ["ObjectReference"] = new() { [1] = ("kind", "s"), [2] = ("namespace", "s"), [3] = ("name", "s"), [4] = ("uid", "s"), [5] = ("apiVersion", "s"), [6] = ("resourceVersion", "s"), [7] = ("fieldPath", "s") },
        ["LocalObjectReference"] = new() { [1] = ("name", "s") },
        ["Role"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("rules", "[]m:PolicyRule") },
        ["ClusterRole"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("rules", "[]m:PolicyRule") },
        ["PolicyRule"] = new() { [1] = ("verbs", "[]s"), [2] = ("apiGroups", "[]s"), [3] = ("resources", "[]s"), [4] = ("resourceNames", "[]s"), [5] = ("nonResourceURLs", "[]s") },
        ["RoleBinding"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("subjects", "[]m:Subject"), [3] = ("roleRef", "m:RoleRef") },
        ["ClusterRoleBinding"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("subjects", "[]m:Subject"), [3] = ("roleRef", "m:RoleRef") },
        ["Subject"] = new() { [1] = ("kind", "s"), [2] = ("apiGroup", "s"), [3] = ("name", "s"), [4] = ("namespace", "s") },
        ["RoleRef"] = new() { [1] = ("apiGroup", "s"), [2] = ("kind", "s"), [3] = ("name", "s") },
        ["Pod"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("spec", "m:PodSpec") },
        ["PodSpec"] = new() { [2] = ("containers", "[]m:Container"), [3] = ("restartPolicy", "s"), [4] = ("terminationGracePeriodSeconds", "i"), [5] = ("activeDeadlineSeconds", "i"), [6] = ("dnsPolicy", "s"), [7] = ("nodeSelector", "ms"), [8] = ("serviceAccountName", "s"), [9] = ("serviceAccount", "s"), [10] = ("nodeName", "s"), [11] = ("hostNetwork", "b"), [20] = ("initContainers", "[]m:Container") },
        ["Container"] = new() { [1] = ("name", "s"), [2] = ("image", "s"), [3] = ("command", "[]s"), [4] = ("args", "[]s"), [5] = ("workingDir", "s"), [6] = ("ports", "[]m:ContainerPort"), [7] = ("env", "[]m:EnvVar"), [13] = ("terminationMessagePath", "s"), [14] = ("imagePullPolicy", "s"), [16] = ("stdin", "b"), [17] = ("stdinOnce", "b"), [18] = ("tty", "b"), [20] = ("terminationMessagePolicy", "s") },
        ["ContainerPort"] = new() { [1] = ("name", "s"), [2] = ("hostPort", "i"), [3] = ("containerPort", "i"), [4] = ("protocol", "s"), [5] = ("hostIP", "s") },
        ["EnvVar"] = new() { [1] = ("name", "s"), [2] = ("value", "s") },
        ["Deployment"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("spec", "m:DeploymentSpec") },
        ["DeploymentSpec"] = new() { [1] = ("replicas", "i"), [2] = ("selector", "m:LabelSelector"), [3] = ("template", "m:PodTemplateSpec"), [4] = ("strategy", "m:DeploymentStrategy"), [5] = ("minReadySeconds", "i"), [6] = ("revisionHistoryLimit", "i"), [7] = ("paused", "b"), [9] = ("progressDeadlineSeconds", "i") },
        ["DeploymentStrategy"] = new() { [1] = ("type", "s"), [2] = ("rollingUpdate", "m:RollingUpdateDeployment") },
        ["RollingUpdateDeployment"] = new() { [1] = ("maxUnavailable", "ios"), [2] = ("maxSurge", "ios") },
        ["LabelSelector"] = new() { [1] = ("matchLabels", "ms"), [2] = ("matchExpressions", "[]m:LabelSelectorRequirement") },
        ["LabelSelectorRequirement"] = new() { [1] = ("key", "s"), [2] = ("operator", "s"), [3] = ("values", "[]s") },
        ["PodTemplateSpec"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("spec", "m:PodSpec") },
        ["Service"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("spec", "m:ServiceSpec") },
        ["ServiceSpec"] = new() { [1] = ("ports", "[]m:ServicePort"), [2] = ("selector", "ms"), [3] = ("clusterIP", "s"), [4] = ("type", "s"), [5] = ("externalIPs", "[]s"), [7] = ("sessionAffinity", "s"), [8] = ("loadBalancerIP", "s"), [11] = ("externalName", "s") },
        ["ServicePort"] = new() { [1] = ("name", "s"), [2] = ("protocol", "s"), [3] = ("port", "i"), [4] = ("targetPort", "ios"), [5] = ("nodePort", "i") },
        ["SelfSubjectAccessReview"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("spec", "m:SelfSubjectAccessReviewSpec") },
        ["SelfSubjectAccessReviewSpec"] = new() { [1] = ("resourceAttributes", "m:ResourceAttributes"), [2] = ("nonResourceAttributes", "m:NonResourceAttributes") },
        ["ResourceAttributes"] = new() { [1] = ("namespace", "s"), [2] = ("verb", "s"), [3] = ("group", "s"), [4] = ("version", "s"), [5] = ("resource", "s"), [6] = ("subresource", "s"), [7] = ("name", "s") },
        ["NonResourceAttributes"] = new() { [1] = ("path", "s"), [2] = ("verb", "s") },
        ["SelfSubjectRulesReview"] = new() { [1] = ("metadata", "m:ObjectMeta"), [2] = ("spec", "m:SelfSubjectRulesReviewSpec") },
        ["SelfSubjectRulesReviewSpec"] = new() { [1] = ("namespace", "s") },
        ["SelfSubjectReview"] = new() { [1] = ("metadata", "m:ObjectMeta") },
    };
}
