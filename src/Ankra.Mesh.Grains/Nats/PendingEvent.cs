namespace Ankra.Mesh.Grains;

/// <summary>One cluster's pending access-changed event: the grants version to announce and its hand-over sequence.</summary>
internal readonly record struct PendingEvent(long GrantsVersion, long Sequence);
