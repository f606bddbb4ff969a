using System.Globalization;
using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Hosting;
using Ankra.Mesh.KubeSim.Resources;
using Ankra.Mesh.KubeSim.Storage;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;

/// <summary>
/// The file system of every pod, keyed by namespace and name. A pod recreated under the same name (a new
/// uid) starts empty, as a new container would. The files of pods that were deleted or replaced are dropped
/// at the next exec, so memory stays bounded by the pods that exist times their capacity:
/// <see cref="KubeSimOptions.PodFileSystemBytes"/>, or the pod's <c>kubesim.ankra.io/filesystem-bytes</c>
/// annotation (a small disk to test a full one).
/// </summary>
internal sealed class PodFileSystems(IOptions<KubeSimOptions> options, ObjectStore store, ResourceCatalog catalog)
{
    public const string CapacityAnnotation = "kubesim.ankra.io/filesystem-bytes";

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Namespace, string Name), (string Uid, PodFileSystem Files)> _pods = [];

    /// <summary>The file system of this stored pod, created empty on its first exec.</summary>
    public PodFileSystem For(JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var key = (Json.Str(pod, "metadata.namespace") ?? "", Json.Str(pod, "metadata.name") ?? "");
        var uid = Json.Str(pod, "metadata.uid") ?? "";
        lock (_lock)
        {
            DropGonePods();
            if (_pods.TryGetValue(key, out var known) && known.Uid == uid)
            {
                return known.Files;
            }

            var annotations = Json.StringMap(Json.At(pod, "metadata.annotations"));
            var capacity = annotations.TryGetValue(CapacityAnnotation, out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : options.Value.PodFileSystemBytes;
            var files = new PodFileSystem(capacity);
            _pods[key] = (uid, files);
            return files;
        }
    }

    // Called under the lock; the store never calls back into this class, so the two locks cannot deadlock.
    private void DropGonePods()
    {
        var pods = store.For(catalog.Get("", "pods"));
        foreach (var (key, known) in _pods.ToList())
        {
            if (Json.Str(pods.Get(key.Namespace, key.Name), "metadata.uid") != known.Uid)
            {
                _pods.Remove(key);
            }
        }
    }
}
