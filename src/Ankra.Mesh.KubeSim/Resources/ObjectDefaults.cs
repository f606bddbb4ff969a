using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>
/// What the API server's defaulting and the cluster's controllers would add to each kind. There is no
/// scheduler or kubelet here: a pod is Running and ready as soon as it is created, and a deployment
/// reports all its replicas available.
/// </summary>
internal static class ObjectDefaults
{
    private static int _addresses;

    public static void OnWrite(ResourceType type, JsonObject obj, JsonObject? previous, DateTimeOffset now)
    {
        switch (type.Kind)
        {
            case "Pod":
                Pod(obj, previous, now);
                break;
            case "Service":
                Service(obj, previous);
                break;
            case "Namespace":
                Json.Object(Json.Metadata(obj), "labels")["kubernetes.io/metadata.name"] = Json.Str(obj, "metadata.name");
                Json.Object(obj, "spec")["finalizers"] ??= new JsonArray("kubernetes");
                Json.Object(obj, "status")["phase"] = "Active";
                break;
            case "Secret":
                Secret(obj);
                break;
            case "Deployment":
                Deployment(obj, previous);
                break;
            case "Event":
                obj["count"] ??= 1;
                obj["firstTimestamp"] ??= Json.Timestamp(now);
                obj["lastTimestamp"] ??= Json.Timestamp(now);
                break;
        }
    }

    private static void Pod(JsonObject pod, JsonObject? previous, DateTimeOffset now)
    {
        var spec = Json.Object(pod, "spec");
        spec["restartPolicy"] ??= "Always";
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["schedulerName"] ??= "default-scheduler";
        spec["serviceAccountName"] ??= "default";
        spec["serviceAccount"] ??= spec["serviceAccountName"]!.DeepClone();
        spec["nodeName"] ??= "kubesim-node";
        spec["securityContext"] ??= new JsonObject();
        spec["enableServiceLinks"] ??= true;
        foreach (var container in Json.Array(spec, "containers").OfType<JsonObject>())
        {
            var image = Json.Str(container, "image") ?? "";
            container["imagePullPolicy"] ??= image.EndsWith(":latest", StringComparison.Ordinal) || !image.Contains(':', StringComparison.Ordinal) ? "Always" : "IfNotPresent";
            container["terminationMessagePath"] ??= "/dev/termination-log";
            container["terminationMessagePolicy"] ??= "File";
            container["resources"] ??= new JsonObject();
            foreach (var port in Json.Array(container, "ports").OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
            }
        }

        if (previous?["status"] is JsonObject kept)
        {
            pod["status"] = kept.DeepClone();
            return;
        }

        var started = Json.Timestamp(now);
        var address = Interlocked.Increment(ref _addresses);
        var conditions = new JsonArray();
        foreach (var type in new[] { "Initialized", "Ready", "ContainersReady", "PodScheduled" })
        {
            conditions.Add(new JsonObject { ["type"] = type, ["status"] = "True", ["lastProbeTime"] = null, ["lastTransitionTime"] = started });
        }

        var statuses = new JsonArray();
        foreach (var container in Json.Array(spec, "containers").OfType<JsonObject>())
        {
            statuses.Add(new JsonObject
            {
                ["name"] = Json.Str(container, "name"),
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = started } },
                ["lastState"] = new JsonObject(),
                ["ready"] = true,
                ["restartCount"] = 0,
                ["image"] = Json.Str(container, "image"),
                ["imageID"] = $"docker.io/library/{Json.Str(container, "image")}",
                ["containerID"] = $"containerd://{Guid.NewGuid():N}",
                ["started"] = true,
            });
        }

        pod["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = conditions,
            ["hostIP"] = "10.0.0.10",
            ["podIP"] = string.Create(CultureInfo.InvariantCulture, $"10.244.{(address >> 8) & 0xff}.{address & 0xff}"),
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = string.Create(CultureInfo.InvariantCulture, $"10.244.{(address >> 8) & 0xff}.{address & 0xff}") }),
            ["startTime"] = started,
            ["containerStatuses"] = statuses,
            ["qosClass"] = "BestEffort",
        };
    }

    private static void Service(JsonObject service, JsonObject? previous)
    {
        var spec = Json.Object(service, "spec");
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        spec["internalTrafficPolicy"] ??= "Cluster";
        spec["ipFamilies"] ??= new JsonArray("IPv4");
        spec["ipFamilyPolicy"] ??= "SingleStack";
        if (spec["clusterIP"] is null)
        {
            var next = Interlocked.Increment(ref _addresses);
            var address = Json.Str(previous, "spec.clusterIP") ?? string.Create(CultureInfo.InvariantCulture, $"10.96.{(next >> 8) & 0xff}.{next & 0xff}");
            spec["clusterIP"] = address;
            spec["clusterIPs"] = new JsonArray(address);
        }

        foreach (var port in Json.Array(spec, "ports").OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]?.DeepClone();
        }

        service["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    private static void Secret(JsonObject secret)
    {
        secret["type"] ??= "Opaque";
        if (secret["stringData"] is JsonObject plain)
        {
            var data = Json.Object(secret, "data");
            foreach (var (key, value) in plain)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
            }

            secret.Remove("stringData");
        }
    }

    private static void Deployment(JsonObject deployment, JsonObject? previous)
    {
        var metadata = Json.Metadata(deployment);
        var changed = previous is null || !JsonNode.DeepEquals(previous["spec"], deployment["spec"]);
        var generation = Json.Long(previous, "metadata.generation") + (changed ? 1 : 0);
        metadata["generation"] = generation;
        Json.Object(metadata, "annotations")["deployment.kubernetes.io/revision"] ??= "1";
        var spec = Json.Object(deployment, "spec");
        spec["replicas"] ??= 1;
        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
        spec["strategy"] ??= new JsonObject
        {
            ["type"] = "RollingUpdate",
            ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
        };
        var replicas = Json.Long(spec, "replicas", 1);
        deployment["status"] = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["replicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["readyReplicas"] = replicas,
            ["availableReplicas"] = replicas,
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "MinimumReplicasAvailable", ["message"] = "Deployment has minimum availability." },
                new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["reason"] = "NewReplicaSetAvailable", ["message"] = $"ReplicaSet \"{Json.Str(metadata, "name")}\" has successfully progressed." }),
        };
    }
}
