using System.Globalization;
using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Api;
using Ankra.Mesh.KubeSim.Resources;
using Ankra.Mesh.KubeSim.Watch;

namespace Ankra.Mesh.KubeSim.Storage;

/// <summary>
/// The objects of one resource type, its bounded watch history and its watchers. Every change takes
/// the resourceVersion from the shared counter inside this store's lock, so the history of one store
/// is ordered; the lock covers fan-out too, which only enqueues (never blocks on a slow watcher).
/// Stored objects are never mutated: a change stores a new tree.
/// </summary>
internal sealed class ResourceStore(ResourceType type, ObjectStore owner, int historySize)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly Queue<WatchEvent> _history = new();
    private readonly List<Watcher> _watchers = [];
    private long _compactedThrough;

    public ResourceType Type { get; } = type;

    public int WatcherCount
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    public static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    public JsonObject? Get(string? ns, string name)
    {
        lock (_lock)
        {
            return _objects.GetValueOrDefault(Key(ns, name));
        }
    }

    public ListPage List(string? ns, Func<JsonObject, bool> filter, string? continueAfter, long limit)
    {
        var prefix = string.IsNullOrEmpty(ns) || !Type.Namespaced ? string.Empty : ns + "/";
        var items = new List<JsonObject>();
        lock (_lock)
        {
            string? lastKey = null;
            long remaining = 0;
            foreach (var (key, obj) in _objects)
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal) || (continueAfter is not null && string.CompareOrdinal(key, continueAfter) <= 0) || !filter(obj))
                {
                    continue;
                }

                if (limit > 0 && items.Count >= limit)
                {
                    remaining++;
                    continue;
                }

                items.Add(obj);
                lastKey = key;
            }

            return new ListPage(items, owner.CurrentVersion, remaining > 0 ? lastKey : null, remaining);
        }
    }

    /// <summary>Stores a new object; with <paramref name="dryRun"/> only checks that it could (<c>?dryRun=All</c>).</summary>
    public JsonObject Create(JsonObject obj, bool dryRun = false)
    {
        var metadata = Json.Metadata(obj);
        var name = metadata["name"]!.GetValue<string>();
        var key = Key(metadata["namespace"]?.GetValue<string>(), name);
        lock (_lock)
        {
            if (_objects.ContainsKey(key))
            {
                throw ApiException.AlreadyExists(Type.QualifiedName, name, Type.Group, Type.Plural);
            }

            if (dryRun)
            {
                return obj;
            }

            var version = owner.NextVersion();
            metadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            _objects[key] = Json.Freeze(obj);
            Publish(new WatchEvent("ADDED", obj, version));
            return obj;
        }
    }

    /// <summary>Replaces an object with what <paramref name="change"/> makes of a private copy of it.</summary>
    public JsonObject Update(string? ns, string name, Func<JsonObject, JsonObject> change, bool dryRun = false)
    {
        var key = Key(ns, name);
        lock (_lock)
        {
            if (!_objects.TryGetValue(key, out var current))
            {
                throw ApiException.NotFound(Type.QualifiedName, name, Type.Group, Type.Plural);
            }

            var updated = change(current.DeepClone().AsObject());
            if (dryRun)
            {
                return updated;
            }

            var version = owner.NextVersion();
            Json.Metadata(updated)["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            _objects[key] = Json.Freeze(updated);
            Publish(new WatchEvent("MODIFIED", updated, version, current));
            return updated;
        }
    }

    public JsonObject Delete(string? ns, string name, bool dryRun = false)
    {
        var key = Key(ns, name);
        lock (_lock)
        {
            if (!_objects.TryGetValue(key, out var current))
            {
                throw ApiException.NotFound(Type.QualifiedName, name, Type.Group, Type.Plural);
            }

            if (dryRun)
            {
                return current.DeepClone().AsObject();
            }

            _objects.Remove(key);

            var version = owner.NextVersion();
            var gone = Json.Freeze(current.DeepClone().AsObject());
            Json.Metadata(gone)["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            Publish(new WatchEvent("DELETED", gone, version));
            return gone;
        }
    }

    /// <summary>
    /// Opens a watch from <paramref name="fromVersion"/> (null: the current objects first, as ADDED).
    /// Throws 410 Gone when the history no longer reaches back that far.
    /// </summary>
    public Watcher Watch(string? ns, Func<JsonObject, bool> filter, long? fromVersion, bool bookmarks, int capacity)
    {
        var prefix = string.IsNullOrEmpty(ns) || !Type.Namespaced ? null : ns;
        bool Matches(JsonObject o) => (prefix is null || Json.Str(o, "metadata.namespace") == prefix) && filter(o);
        var watcher = new Watcher(capacity, Matches, bookmarks);
        lock (_lock)
        {
            if (fromVersion is null)
            {
                foreach (var obj in _objects.Values)
                {
                    watcher.AddToBacklog(new WatchEvent("ADDED", obj, 0));
                }
            }
            else if (fromVersion.Value < _compactedThrough)
            {
                throw ApiException.Gone($"too old resource version: {fromVersion.Value} ({_compactedThrough})");
            }
            else
            {
                foreach (var change in _history.Where(e => e.ResourceVersion > fromVersion.Value))
                {
                    watcher.AddToBacklog(change);
                }
            }

            _watchers.Add(watcher);
        }

        return watcher;
    }

    public void Unwatch(Watcher watcher)
    {
        lock (_lock)
        {
            _watchers.Remove(watcher);
        }

        watcher.Close();
    }

    public void Bookmark()
    {
        lock (_lock)
        {
            // Read inside the lock: every event of this store with a lower version has been fanned out already.
            var version = owner.CurrentVersion;
            var bookmark = new WatchEvent("BOOKMARK", new JsonObject
            {
                ["kind"] = Type.Kind,
                ["apiVersion"] = Type.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) },
            }, version);
            _watchers.RemoveAll(w => !w.TryDeliverBookmark(bookmark) && Overflow(w));
        }
    }

    /// <summary>Forgets the history up to now, as etcd compaction does (tests use it to provoke 410).</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _history.Clear();
            _compactedThrough = owner.CurrentVersion;
        }
    }

    private static bool Overflow(Watcher watcher)
    {
        watcher.Close();
        return true;
    }

    private void Publish(WatchEvent change)
    {
        _history.Enqueue(change);
        while (_history.Count > historySize)
        {
            _compactedThrough = _history.Dequeue().ResourceVersion;
        }

        _watchers.RemoveAll(w => !w.TryDeliver(change));
    }
}
