using Ankra.Mesh.KubeSim.Hosting;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.KubeSim.Streaming.Exec.FileSystem;

/// <summary>
/// The file system of every pod, keyed by namespace and name. A pod recreated under the same name (a new
/// uid) starts empty, as a new container would, and the old pod's files are dropped with it, so memory is
/// bounded by the pods that exist by name times <see cref="KubeSimOptions.PodFileSystemBytes"/>.
/// </summary>
internal sealed class PodFileSystems(IOptions<KubeSimOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Namespace, string Name), (string Uid, PodFileSystem Files)> _pods = [];

    /// <summary>The file system of the pod with this uid, created empty on first use.</summary>
    public PodFileSystem For(string @namespace, string name, string uid)
    {
        lock (_lock)
        {
            if (_pods.TryGetValue((@namespace, name), out var known) && known.Uid == uid)
            {
                return known.Files;
            }

            var files = new PodFileSystem(options.Value.PodFileSystemBytes);
            _pods[(@namespace, name)] = (uid, files);
            return files;
        }
    }
}
