namespace Ankra.Mesh.Demo.Stack;

/// <summary>What the simulated cluster runs in the demo: a namespace with a few pods that log.</summary>
public static class DemoWorkload
{
    public const string Namespace = "demo";

    public static string Json => """
        {
          "apiVersion": "v1",
          "kind": "List",
          "items": [
            { "apiVersion": "v1", "kind": "Namespace", "metadata": { "name": "demo" } },
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "web-0", "namespace": "demo", "labels": { "app": "web" } },
              "spec": { "containers": [ { "name": "web", "image": "nginx:1.27", "ports": [ { "containerPort": 8080 }, { "containerPort": 9000 } ] } ] } },
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "web-1", "namespace": "demo", "labels": { "app": "web" } },
              "spec": { "containers": [ { "name": "web", "image": "nginx:1.27", "ports": [ { "containerPort": 8080 } ] } ] } },
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "worker", "namespace": "demo", "labels": { "app": "worker" } },
              "spec": { "containers": [ { "name": "worker", "image": "busybox:1.36", "env": [ { "name": "QUEUE", "value": "jobs" } ] } ] } },
            { "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": "settings", "namespace": "demo" }, "data": { "greeting": "hello" } }
          ]
        }
        """;
}
