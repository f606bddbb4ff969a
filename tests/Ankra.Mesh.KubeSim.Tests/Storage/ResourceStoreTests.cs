using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Hosting;
using Ankra.Mesh.KubeSim.Resources;
using Ankra.Mesh.KubeSim.Storage;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.KubeSim.Tests.Storage;

/// <summary>The store's fan-out: many watchers, bounded buffers, slow watchers closed, bookmarks.</summary>
public sealed class ResourceStoreTests : IDisposable
{
    private readonly ObjectStore _store;
    private readonly ResourceStore _configMaps;

    public ResourceStoreTests()
    {
        var catalog = new ResourceCatalog();
        _store = new ObjectStore(catalog, Options.Create(new KubeSimOptions { WatchHistorySize = 100 }));
        _configMaps = _store.For(catalog.Get("", "configmaps"));
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Publish_FiveThousandWatchers_EachReceivesTheChange()
    {
        var watchers = Enumerable.Range(0, 5000).Select(_ => _configMaps.Watch("default", _ => true, _store.CurrentVersion, false, 8)).ToList();

        _configMaps.Create(ConfigMap("fanned"));

        foreach (var watcher in watchers)
        {
            var change = await watcher.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("ADDED", change.Type);
        }

        Assert.Equal(5000, _configMaps.WatcherCount);
    }

    [Fact]
    public async Task Publish_WatcherFallsBehind_IsClosedAndRemoved()
    {
        var slow = _configMaps.Watch("default", _ => true, _store.CurrentVersion, false, 4);

        for (var i = 0; i < 6; i++)
        {
            _configMaps.Create(ConfigMap($"burst-{i}"));
        }

        var received = new List<string>();
        await foreach (var change in slow.Reader.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
        {
            received.Add(change.Object["metadata"]!["name"]!.GetValue<string>());
        }

        Assert.True(slow.Overflowed);
        Assert.Equal(["burst-0", "burst-1", "burst-2", "burst-3"], received);
        Assert.Equal(0, _configMaps.WatcherCount);
    }

    [Fact]
    public async Task Bookmark_WatcherThatAskedForThem_ReceivesCurrentVersion()
    {
        var wants = _configMaps.Watch("default", _ => true, _store.CurrentVersion, true, 4);
        var ignores = _configMaps.Watch("default", _ => true, _store.CurrentVersion, false, 4);

        _configMaps.Bookmark();

        var bookmark = await wants.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("BOOKMARK", bookmark.Type);
        Assert.Equal(_store.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), bookmark.Object["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.False(ignores.Reader.TryRead(out _));
    }

    private static JsonObject ConfigMap(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
    };
}
