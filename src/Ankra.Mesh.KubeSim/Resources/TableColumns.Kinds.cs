using System.Globalization;
using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>Column sets per kind.</summary>
internal sealed partial class TableColumns
{
    public static readonly TableColumns Pods = new(
        [
            NameColumn(),
            new("Ready", "string", "", "The aggregate readiness state of this pod for accepting traffic."),
            new("Status", "string", "", "The aggregate status of the containers in this pod."),
            new("Restarts", "string", "", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
            AgeColumn(),
            new("IP", "string", "", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
            new("Node", "string", "", "NodeName is a request to schedule this pod onto a specific node.", 1),
            new("Nominated Node", "string", "", "nominatedNodeName is set only when this pod preempts other pods on the node.", 1),
            new("Readiness Gates", "string", "", "If specified, all readiness gates will be evaluated for pod readiness.", 1),
        ],
        (o, now) =>
        {
            var statuses = Json.Array(o, "status.containerStatuses");
            var total = Json.Array(o, "spec.containers").Count;
            var ready = statuses.Count(s => Json.Str(s, "ready") == "true");
            var restarts = statuses.Sum(s => Json.Long(s, "restartCount"));
            var phase = Json.Str(o, "metadata.deletionTimestamp") is not null ? "Terminating" : Json.Str(o, "status.phase") ?? "Pending";
            return
            [
                Name(o), $"{ready}/{total}", phase, restarts, Age(o, now),
                Json.Str(o, "status.podIP") ?? "<none>", Json.Str(o, "spec.nodeName") ?? "<none>", "<none>", "<none>",
            ];
        });

    // As kube-apiserver prints them (pkg/printers/internalversion): the budget's own numbers; nothing evicts here,
    // so allowed disruptions is what the status says (0 until a controller would have computed it).
    public static readonly TableColumns PodDisruptionBudgets = new(
        [
            NameColumn(),
            new("Min Available", "string", "", "The minimum number of pods that must be available, as a number or percentage."),
            new("Max Unavailable", "string", "", "The maximum number of pods that may be unavailable, as a number or percentage."),
            new("Allowed Disruptions", "integer", "", "Number of pod disruptions that are currently allowed."),
            AgeColumn(),
        ],
        (o, now) =>
        [
            Name(o), Json.Str(o, "spec.minAvailable") ?? "N/A", Json.Str(o, "spec.maxUnavailable") ?? "N/A", Json.Long(o, "status.disruptionsAllowed"), Age(o, now),
        ]);

    public static readonly TableColumns Namespaces = new(
        [NameColumn(), new("Status", "string", "", "The status of the namespace"), AgeColumn()],
        (o, now) => [Name(o), Json.Str(o, "status.phase") ?? "Active", Age(o, now)]);

    public static readonly TableColumns Services = new(
        [
            NameColumn(),
            new("Type", "string", "", "The type of the service."),
            new("Cluster-IP", "string", "", "The IP address of the service."),
            new("External-IP", "string", "", "The external IP address of the service."),
            new("Port(s)", "string", "", "The port(s) of the service."),
            AgeColumn(),
            new("Selector", "string", "", "The selector of the service.", 1),
        ],
        (o, now) =>
        {
            var ports = Json.Array(o, "spec.ports").Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{Json.Long(p, "port")}/{Json.Str(p, "protocol") ?? "TCP"}"));
            var selector = Json.StringMap(Json.At(o, "spec.selector")).Select(kv => $"{kv.Key}={kv.Value}").ToArray();
            return
            [
                Name(o), Json.Str(o, "spec.type") ?? "ClusterIP", Json.Str(o, "spec.clusterIP") ?? "<none>", "<none>",
                NoneIfEmpty(string.Join(",", ports)), Age(o, now), selector.Length == 0 ? "<none>" : string.Join(",", selector),
            ];
        });

    public static readonly TableColumns ConfigMaps = new(
        [NameColumn(), new("Data", "integer", "", "Number of data entries."), AgeColumn()],
        (o, now) => [Name(o), Count(o, "data") + Count(o, "binaryData"), Age(o, now)]);

    public static readonly TableColumns Secrets = new(
        [NameColumn(), new("Type", "string", "", "The type of secret"), new("Data", "integer", "", "Number of data entries."), AgeColumn()],
        (o, now) => [Name(o), Json.Str(o, "type") ?? "Opaque", Count(o, "data"), Age(o, now)]);

    public static readonly TableColumns ServiceAccounts = new(
        [NameColumn(), new("Secrets", "string", "", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."), AgeColumn()],
        (o, now) => [Name(o), Json.Array(o, "secrets").Count, Age(o, now)]);

    public static readonly TableColumns Events = new(
        [
            new("Last Seen", "string", "", "Time when last this event was seen."),
            new("Type", "string", "", "Type of this event (Normal, Warning)."),
            new("Reason", "string", "", "Short, machine understandable string that gives the reason for this event being generated."),
            new("Object", "string", "", "The object that this event is about."),
            new("Subobject", "string", "", "The subobject that this event is about.", 1),
            new("Source", "string", "", "The component reporting this event.", 1),
            new("Message", "string", "", "A human-readable description of the status of this operation."),
            new("First Seen", "string", "", "The time at which the event was first recorded.", 1),
            new("Count", "string", "", "The number of times this event has occurred.", 1),
            new("Name", "string", "name", "Name must be unique within a namespace.", 1),
        ],
        (o, now) =>
        {
            var last = Json.ParseTime(Json.Str(o, "lastTimestamp") ?? Json.Str(o, "metadata.creationTimestamp"));
            var first = Json.ParseTime(Json.Str(o, "firstTimestamp") ?? Json.Str(o, "metadata.creationTimestamp"));
            var target = $"{(Json.Str(o, "involvedObject.kind") ?? string.Empty).ToLowerInvariant()}/{Json.Str(o, "involvedObject.name")}";
            return
            [
                HumanDuration.Since(last, now), Json.Str(o, "type") ?? "Normal", Json.Str(o, "reason") ?? string.Empty, target,
                Json.Str(o, "involvedObject.fieldPath") ?? string.Empty, Json.Str(o, "source.component") ?? string.Empty,
                Json.Str(o, "message") ?? string.Empty, HumanDuration.Since(first, now), Json.Long(o, "count", 1), Name(o),
            ];
        });

    public static readonly TableColumns Deployments = new(
        [
            NameColumn(),
            new("Ready", "string", "", "Number of the pod with ready state"),
            new("Up-to-date", "string", "", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
            new("Available", "string", "", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
            AgeColumn(),
            new("Containers", "string", "", "Names of each container in the template.", 1),
            new("Images", "string", "", "Images referenced by each container in the template.", 1),
            new("Selector", "string", "", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", 1),
        ],
        (o, now) =>
        {
            var containers = Json.Array(o, "spec.template.spec.containers");
            var selector = Json.StringMap(Json.At(o, "spec.selector.matchLabels")).Select(kv => $"{kv.Key}={kv.Value}");
            return
            [
                Name(o), $"{Json.Long(o, "status.readyReplicas")}/{Json.Long(o, "spec.replicas", 1)}", Json.Long(o, "status.updatedReplicas"),
                Json.Long(o, "status.availableReplicas"), Age(o, now), string.Join(",", containers.Select(c => Json.Str(c, "name"))),
                string.Join(",", containers.Select(c => Json.Str(c, "image"))), string.Join(",", selector),
            ];
        });

    public static readonly TableColumns RoleBindings = new(
        [
            NameColumn(),
            new("Role", "string", "", "Role is the role being granted."),
            AgeColumn(),
            new("Users", "string", "", "Users bound to the role.", 1),
            new("Groups", "string", "", "Groups bound to the role.", 1),
            new("ServiceAccounts", "string", "", "ServiceAccounts bound to the role.", 1),
        ],
        (o, now) =>
        {
            var subjects = Json.Array(o, "subjects");
            string Of(string kind) => string.Join(", ", subjects.Where(s => Json.Str(s, "kind") == kind)
                .Select(s => kind == "ServiceAccount" ? $"{Json.Str(s, "namespace")}/{Json.Str(s, "name")}" : Json.Str(s, "name")));
            return [Name(o), $"{Json.Str(o, "roleRef.kind")}/{Json.Str(o, "roleRef.name")}", Age(o, now), Of("User"), Of("Group"), Of("ServiceAccount")];
        });

    /// <summary>The default printing of kinds without their own columns.</summary>
    public static readonly TableColumns CreatedAt = new(
        [NameColumn(), new("Created At", "date", "", "CreationTimestamp is a timestamp representing the server time when this object was created.")],
        (o, _) => [Name(o), Json.Str(o, "metadata.creationTimestamp")]);

    private static int Count(JsonObject obj, string field) => obj[field] is JsonObject map ? map.Count : 0;

    private static string NoneIfEmpty(string text) => text.Length == 0 ? "<none>" : text;
}
