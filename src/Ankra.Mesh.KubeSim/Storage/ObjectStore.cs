using Ankra.Mesh.KubeSim.Hosting;
using Ankra.Mesh.KubeSim.Resources;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.KubeSim.Storage;

/// <summary>
/// All stored objects: one <see cref="ResourceStore"/> per resource type sharing one resourceVersion
/// counter (like one etcd), and the timer that sends watch bookmarks.
/// </summary>
internal sealed class ObjectStore : IDisposable
{
    private readonly Dictionary<ResourceType, ResourceStore> _stores;
    private readonly Timer _bookmarks;
    private long _version = 1;

    public ObjectStore(ResourceCatalog catalog, IOptions<KubeSimOptions> options)
    {
        var settings = options.Value;
        _stores = catalog.Types.Where(t => !t.IsReview)
            .ToDictionary(t => t, t => new ResourceStore(t, this, settings.WatchHistorySize));
        var every = TimeSpan.FromSeconds(settings.BookmarkIntervalSeconds);
        _bookmarks = new Timer(_ => SendBookmarks(), null, every, every);
    }

    public long CurrentVersion => Interlocked.Read(ref _version);

    public IEnumerable<ResourceStore> All => _stores.Values;

    public ResourceStore For(ResourceType type) => _stores[type];

    public long NextVersion() => Interlocked.Increment(ref _version);

    public void Dispose() => _bookmarks.Dispose();

    private void SendBookmarks()
    {
        foreach (var store in _stores.Values)
        {
            store.Bookmark();
        }
    }
}
