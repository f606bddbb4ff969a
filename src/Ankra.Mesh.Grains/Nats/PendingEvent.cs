namespace Ankra.Mesh.Grains;

/// <summary>
/// One cluster's pending access-changed event: the grants version to announce, its hand-over sequence, and when the oldest
/// change it announces was handed over (<see cref="System.Diagnostics.Stopwatch"/> ticks; the delivery lag is measured from it).
/// </summary>
internal readonly record struct PendingEvent(long GrantsVersion, long Sequence, long QueuedAt = 0);
