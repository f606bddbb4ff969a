using Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;

namespace Ankra.Mesh.KubeSim.Streaming;

/// <summary>
/// What the streaming protocols (exec, attach, port-forward) need to know about a pod. The API
/// layer builds it after authentication, RBAC and the pod lookup have passed.
/// </summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Name">The pod's name.</param>
/// <param name="Containers">Container names in spec order; the first is the default container.</param>
/// <param name="Environment">Environment the built-in commands see (for <c>env</c>).</param>
/// <param name="Ports">Container ports the pod offers to port-forward.</param>
/// <param name="Files">The pod's in-memory file system (for <c>tar</c>, <c>cat FILE</c>, <c>ls</c>, …), shared by its execs.</param>
internal sealed record StreamingPod(
    string Namespace,
    string Name,
    IReadOnlyList<string> Containers,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<int> Ports,
    PodFileSystem Files);
