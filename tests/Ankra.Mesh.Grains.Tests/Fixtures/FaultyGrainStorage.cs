using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Ankra.Mesh.Grains.Tests.Fixtures;

/// <summary>
/// Grain storage for the test silo that keeps serialized copies (so a grain's in-memory objects never
/// leak into what is "stored"), counts writes per grain, and fails on demand, as a stopped database does
/// (<see cref="StorageFault.Down"/>) or as a connection that dies after the commit does
/// (<see cref="StorageFault.CommitThenThrow"/>). Faults and counts are per grain key, so tests that share
/// the silo never disturb each other.
/// </summary>
internal sealed class FaultyGrainStorage(Serializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, (byte[] Payload, string ETag)> _rows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StorageFault> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);
    private int _version;

    /// <summary>The instance the test silo uses (one silo per test run).</summary>
    public static FaultyGrainStorage? Instance { get; private set; }

    public static FaultyGrainStorage Create(IServiceProvider services) =>
        Instance = new FaultyGrainStorage(services.GetRequiredService<Serializer>());

    public void Fail(string grainKey, StorageFault fault) => _faults[grainKey] = fault;

    public void Heal(string grainKey) => _faults.TryRemove(grainKey, out _);

    /// <summary>Successful writes of any state of the grain with this key.</summary>
    public int Writes(string grainKey) => _writes.GetValueOrDefault(grainKey);

    /// <summary>What storage holds for the grain (deserialized afresh), or null.</summary>
    public T? Stored<T>(string stateName, string grainKey) =>
        _rows.TryGetValue(Key(stateName, grainKey), out var row) ? serializer.Deserialize<T>(row.Payload) : default;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        ThrowIf(grainId, StorageFault.Down);
        if (_rows.TryGetValue(Key(stateName, grainId.Key.ToString()!), out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Payload);
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        ThrowIf(grainId, StorageFault.Down);
        var grainKey = grainId.Key.ToString()!;
        var key = Key(stateName, grainKey);
        var stored = _rows.TryGetValue(key, out var row) ? row.ETag : null;
        if (stored != grainState.ETag)
        {
            throw new InconsistentStateException($"ETag mismatch for {key}: stored {stored}, grain {grainState.ETag}", stored, grainState.ETag);
        }

        var etag = Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
        _rows[key] = (serializer.SerializeToArray(grainState.State), etag);
        _writes.AddOrUpdate(grainKey, 1, (_, n) => n + 1);
        ThrowIf(grainId, StorageFault.CommitThenThrow);
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        ThrowIf(grainId, StorageFault.Down);
        _rows.TryRemove(Key(stateName, grainId.Key.ToString()!), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, string grainKey) => $"{stateName}|{grainKey}";

    private void ThrowIf(GrainId grainId, StorageFault fault)
    {
        if (_faults.TryGetValue(grainId.Key.ToString()!, out var current) && current == fault)
        {
            throw new TimeoutException($"test storage: {fault} for {grainId}");
        }
    }
}
