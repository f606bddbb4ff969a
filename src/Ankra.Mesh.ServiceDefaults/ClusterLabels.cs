using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.ServiceDefaults;

/// <summary>
/// The <c>cluster</c> label of a metric, bounded: the first <see cref="MeshTelemetryOptions.MaxClusterLabels"/> distinct
/// clusters a process sees are labelled by their id for the life of the process, every later one is <c>other</c>. An edge
/// serves any number of clusters and every label value is a time series per instrument (per bucket, for a histogram), so an
/// unbounded label would let customers grow our Prometheus without limit; per-cluster detail beyond the cap lives in the
/// logs and the audit trail, which carry the id. An agent serves one cluster, so its label is always that id.
/// </summary>
public sealed class ClusterLabels(IOptions<MeshTelemetryOptions> options)
{
    /// <summary>The label's name.</summary>
    public const string Name = "cluster";

    /// <summary>The value shared by the clusters beyond the cap.</summary>
    public const string Other = "other";

    private readonly ConcurrentDictionary<string, bool> _labelled = new(StringComparer.Ordinal);
    private readonly int _max = options.Value.MaxClusterLabels;
    private readonly Lock _admitting = new();
    private volatile bool _full;

    /// <summary>The label for <paramref name="clusterId"/>: its id while there is room, else <see cref="Other"/>.</summary>
    public KeyValuePair<string, object?> For(string clusterId)
    {
        ArgumentNullException.ThrowIfNull(clusterId);
        return new(Name, Value(clusterId));
    }

    /// <summary>The value <paramref name="clusterId"/> already holds, or <see cref="Other"/>; never takes a slot.</summary>
    public string Peek(string clusterId) => clusterId is not null && _labelled.ContainsKey(clusterId) ? clusterId : Other;

    /// <summary>The label's value for <paramref name="clusterId"/>, taking a free slot for it.</summary>
    public string Value(string clusterId)
    {
        ArgumentNullException.ThrowIfNull(clusterId);
        if (_labelled.ContainsKey(clusterId))
        {
            return clusterId;
        }

        if (_full)
        {
            return Other;
        }

        // Rare (once per cluster up to the cap): a lock keeps two racing newcomers from both taking the last slot.
        lock (_admitting)
        {
            if (_labelled.ContainsKey(clusterId))
            {
                return clusterId;
            }

            if (_labelled.Count >= _max)
            {
                _full = true;
                return Other;
            }

            _labelled[clusterId] = true;
            return clusterId;
        }
    }
}
