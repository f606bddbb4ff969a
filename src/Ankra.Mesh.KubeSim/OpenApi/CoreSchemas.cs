using System.Text.Json.Nodes;
using static Ankra.Mesh.KubeSim.OpenApi.SchemaBuilder;

namespace Ankra.Mesh.KubeSim.OpenApi;

/// <summary>
/// Schemas of the served kinds, trimmed to the fields users touch but with Kubernetes' descriptions and
/// patch-merge keys: enough for <c>kubectl explain</c> and for kubectl's strategic-merge computation.
/// </summary>
internal static class CoreSchemas
{
    private const string ApiVersionText = "APIVersion defines the versioned schema of this representation of an object.";
    private const string KindText = "Kind is a string value representing the REST resource this object represents.";
    private const string MetadataText = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    public static Dictionary<string, JsonObject> All() => new(StringComparer.Ordinal)
    {
        ["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"] = Obj(
            "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
            ("name", Str("Name must be unique within a namespace.")),
            ("generateName", Str("GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided.")),
            ("namespace", Str("Namespace defines the space within which each name must be unique.")),
            ("labels", Map("Map of string keys and values that can be used to organize and categorize (scope and select) objects.")),
            ("annotations", Map("Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata.")),
            ("uid", Str("UID is the unique in time and space value for this object.")),
            ("resourceVersion", Str("An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed.")),
            ("generation", Int("A sequence number representing a specific generation of the desired state.")),
            ("creationTimestamp", Str("CreationTimestamp is a timestamp representing the server time when this object was created.")),
            ("finalizers", StrList("Must be empty before the object is deleted from the registry."))),
        ["io.k8s.api.core.v1.Pod"] = Top("Pod is a collection of containers that can run on a host.", "", "Pod",
            ("spec", Ref("Specification of the desired behavior of the pod.", "io.k8s.api.core.v1.PodSpec")),
            ("status", Ref("Most recently observed status of the pod.", "io.k8s.api.core.v1.PodStatus"))),
        ["io.k8s.api.core.v1.PodSpec"] = Obj(
            "PodSpec is a description of a pod.",
            ("containers", List("List of containers belonging to the pod. Containers cannot currently be added or removed.", "io.k8s.api.core.v1.Container", "name")),
            ("initContainers", List("List of initialization containers belonging to the pod.", "io.k8s.api.core.v1.Container", "name")),
            ("restartPolicy", Str("Restart policy for all containers within the pod. One of Always, OnFailure, Never.")),
            ("nodeName", Str("NodeName indicates in which node this pod is scheduled.")),
            ("serviceAccountName", Str("ServiceAccountName is the name of the ServiceAccount to use to run this pod.")),
            ("terminationGracePeriodSeconds", Int("Optional duration in seconds the pod needs to terminate gracefully."))),
        ["io.k8s.api.core.v1.Container"] = Obj(
            "A single application container that you want to run within a pod.",
            ("name", Str("Name of the container specified as a DNS_LABEL.")),
            ("image", Str("Container image name.")),
            ("command", StrList("Entrypoint array. Not executed within a shell.")),
            ("args", StrList("Arguments to the entrypoint.")),
            ("env", List("List of environment variables to set in the container.", "io.k8s.api.core.v1.EnvVar", "name")),
            ("ports", List("List of ports to expose from the container.", "io.k8s.api.core.v1.ContainerPort", "containerPort")),
            ("imagePullPolicy", Str("Image pull policy. One of Always, Never, IfNotPresent."))),
        ["io.k8s.api.core.v1.EnvVar"] = Obj(
            "EnvVar represents an environment variable present in a Container.",
            ("name", Str("Name of the environment variable. Must be a C_IDENTIFIER.")),
            ("value", Str("Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container."))),
        ["io.k8s.api.core.v1.ContainerPort"] = Obj(
            "ContainerPort represents a network port in a single container.",
            ("containerPort", Int("Number of port to expose on the pod's IP address.")),
            ("name", Str("If specified, this must be an IANA_SVC_NAME and unique within the pod.")),
            ("protocol", Str("Protocol for port. Must be UDP, TCP, or SCTP. Defaults to \"TCP\"."))),
        ["io.k8s.api.core.v1.PodStatus"] = Obj(
            "PodStatus represents information about the status of a pod.",
            ("phase", Str("The phase of a Pod is a simple, high-level summary of where the Pod is in its lifecycle.")),
            ("podIP", Str("podIP address allocated to the pod.")),
            ("hostIP", Str("hostIP holds the IP address of the host to which the pod is assigned."))),
        ["io.k8s.api.core.v1.Service"] = Top("Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.", "", "Service",
            ("spec", Ref("Spec defines the behavior of a service.", "io.k8s.api.core.v1.ServiceSpec"))),
        ["io.k8s.api.core.v1.ServiceSpec"] = Obj(
            "ServiceSpec describes the attributes that a user creates on a service.",
            ("ports", List("The list of ports that are exposed by this service.", "io.k8s.api.core.v1.ServicePort", "port")),
            ("selector", Map("Route service traffic to pods with label keys and values matching this selector.")),
            ("type", Str("type determines how the Service is exposed. Defaults to ClusterIP.")),
            ("clusterIP", Str("clusterIP is the IP address of the service and is usually assigned randomly."))),
        ["io.k8s.api.core.v1.ServicePort"] = Obj(
            "ServicePort contains information on service's port.",
            ("name", Str("The name of this port within the service.")),
            ("port", Int("The port that will be exposed by this service.")),
            ("targetPort", Str("Number or name of the port to access on the pods targeted by the service.")),
            ("protocol", Str("The IP protocol for this port. Supports \"TCP\", \"UDP\", and \"SCTP\". Default is TCP."))),
        ["io.k8s.api.core.v1.ConfigMap"] = Top("ConfigMap holds configuration data for pods to consume.", "", "ConfigMap",
            ("data", Map("Data contains the configuration data.")),
            ("binaryData", Map("BinaryData contains the binary data."))),
        ["io.k8s.api.core.v1.Secret"] = Top("Secret holds secret data of a certain type.", "", "Secret",
            ("data", Map("Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'.")),
            ("stringData", Map("stringData allows specifying non-binary secret data in string form.")),
            ("type", Str("Used to facilitate programmatic handling of secret data."))),
        ["io.k8s.api.core.v1.ServiceAccount"] = Top("ServiceAccount binds together: * a name, understood by users, and perhaps by peripheral systems, for an identity * a principal that can be authenticated and authorized * a set of secrets", "", "ServiceAccount"),
        ["io.k8s.api.core.v1.Namespace"] = Top("Namespace provides a scope for Names. Use of multiple namespaces is optional.", "", "Namespace"),
        ["io.k8s.api.core.v1.Event"] = Top("Event is a report of an event somewhere in the cluster.", "", "Event",
            ("reason", Str("This should be a short, machine understandable string that gives the reason for the transition into the object's current status.")),
            ("message", Str("A human-readable description of the status of this operation.")),
            ("type", Str("Type of this event (Normal, Warning), new types could be added in the future"))),
        ["io.k8s.api.apps.v1.Deployment"] = Top("Deployment enables declarative updates for Pods and ReplicaSets.", "apps", "Deployment",
            ("spec", Ref("Specification of the desired behavior of the Deployment.", "io.k8s.api.apps.v1.DeploymentSpec"))),
        ["io.k8s.api.apps.v1.DeploymentSpec"] = Obj(
            "DeploymentSpec is the specification of the desired behavior of the Deployment.",
            ("replicas", Int("Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.")),
            ("selector", Ref("Label selector for pods.", "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")),
            ("template", Ref("Template describes the pods that will be created.", "io.k8s.api.core.v1.PodTemplateSpec"))),
        ["io.k8s.api.core.v1.PodTemplateSpec"] = Obj(
            "PodTemplateSpec describes the data a pod should have when created from a template",
            ("metadata", Ref(MetadataText, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")),
            ("spec", Ref("Specification of the desired behavior of the pod.", "io.k8s.api.core.v1.PodSpec"))),
        ["io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"] = Obj(
            "A label selector is a label query over a set of resources.",
            ("matchLabels", Map("matchLabels is a map of {key,value} pairs."))),
        ["io.k8s.api.policy.v1.PodDisruptionBudget"] = Kind(Obj(
            "PodDisruptionBudget is an object to define the max disruption that can be caused to a collection of pods",
            ("apiVersion", Str(ApiVersionText)),
            ("kind", Str(KindText)),
            ("metadata", Ref(MetadataText, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")),
            ("spec", Ref("Specification of the desired behavior of the PodDisruptionBudget.", "io.k8s.api.policy.v1.PodDisruptionBudgetSpec")),
            ("status", Ref("Most recently observed status of the PodDisruptionBudget.", "io.k8s.api.policy.v1.PodDisruptionBudgetStatus"))), "policy", "v1", "PodDisruptionBudget"),
        ["io.k8s.api.policy.v1.PodDisruptionBudgetSpec"] = Obj(
            "PodDisruptionBudgetSpec is a description of a PodDisruptionBudget.",
            ("minAvailable", Ref("An eviction is allowed if at least \"minAvailable\" pods selected by \"selector\" will still be available after the eviction, i.e. even in the absence of the evicted pod.", "io.k8s.apimachinery.pkg.util.intstr.IntOrString")),
            ("maxUnavailable", Ref("An eviction is allowed if at most \"maxUnavailable\" pods selected by \"selector\" are unavailable after the eviction, i.e. even in absence of the evicted pod.", "io.k8s.apimachinery.pkg.util.intstr.IntOrString")),
            ("selector", Ref("Label query over pods whose evictions are managed by the disruption budget.", "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")),
            ("unhealthyPodEvictionPolicy", Str("UnhealthyPodEvictionPolicy defines the criteria for when unhealthy pods should be considered for eviction."))),
        ["io.k8s.api.policy.v1.PodDisruptionBudgetStatus"] = Obj(
            "PodDisruptionBudgetStatus represents information about the status of a PodDisruptionBudget. Status may trail the actual state of a system.",
            ("disruptionsAllowed", Int("Number of pod disruptions that are currently allowed.")),
            ("currentHealthy", Int("current number of healthy pods")),
            ("desiredHealthy", Int("minimum desired number of healthy pods")),
            ("expectedPods", Int("total number of pods counted by this disruption budget"))),
        ["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = new JsonObject
        {
            ["description"] = "IntOrString is a type that can hold an int32 or a string.",
            ["type"] = "string",
            ["format"] = "int-or-string",
        },
        ["io.k8s.api.rbac.v1.ClusterRole"] = Top("ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.", "rbac.authorization.k8s.io", "ClusterRole",
            ("rules", List("Rules holds all the PolicyRules for this ClusterRole", "io.k8s.api.rbac.v1.PolicyRule"))),
        ["io.k8s.api.rbac.v1.Role"] = Top("Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.", "rbac.authorization.k8s.io", "Role",
            ("rules", List("Rules holds all the PolicyRules for this Role", "io.k8s.api.rbac.v1.PolicyRule"))),
        ["io.k8s.api.rbac.v1.PolicyRule"] = Obj(
            "PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.",
            ("apiGroups", StrList("APIGroups is the name of the APIGroup that contains the resources.")),
            ("resources", StrList("Resources is a list of resources this rule applies to. '*' represents all resources.")),
            ("verbs", StrList("Verbs is a list of Verbs that apply to ALL the ResourceKinds contained in this rule. '*' represents all verbs.")),
            ("resourceNames", StrList("ResourceNames is an optional white list of names that the rule applies to.")),
            ("nonResourceURLs", StrList("NonResourceURLs is a set of partial urls that a user should have access to."))),
        ["io.k8s.api.rbac.v1.ClusterRoleBinding"] = Binding("ClusterRoleBinding references a ClusterRole, but not contain it.", "ClusterRoleBinding"),
        ["io.k8s.api.rbac.v1.RoleBinding"] = Binding("RoleBinding references a role, but does not contain it.", "RoleBinding"),
        ["io.k8s.api.rbac.v1.Subject"] = Obj(
            "Subject contains a reference to the object or user identities a role binding applies to.",
            ("kind", Str("Kind of object being referenced. Values defined by this API group are \"User\", \"Group\", and \"ServiceAccount\".")),
            ("name", Str("Name of the object being referenced.")),
            ("namespace", Str("Namespace of the referenced object."))),
        ["io.k8s.api.rbac.v1.RoleRef"] = Obj(
            "RoleRef contains information that points to the role being used",
            ("apiGroup", Str("APIGroup is the group for the resource being referenced")),
            ("kind", Str("Kind is the type of resource being referenced")),
            ("name", Str("Name is the name of resource being referenced"))),
    };

    private static JsonObject Binding(string description, string kind) => Top(description, "rbac.authorization.k8s.io", kind,
        ("roleRef", Ref("RoleRef can only reference a ClusterRole in the global namespace.", "io.k8s.api.rbac.v1.RoleRef")),
        ("subjects", List("Subjects holds references to the objects the role applies to.", "io.k8s.api.rbac.v1.Subject")));

    private static JsonObject Top(string description, string group, string kind, params (string Name, JsonObject Schema)[] fields) =>
        Kind(Obj(description, [("apiVersion", Str(ApiVersionText)), ("kind", Str(KindText)), ("metadata", Ref(MetadataText, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")), .. fields]), group, "v1", kind);
}
