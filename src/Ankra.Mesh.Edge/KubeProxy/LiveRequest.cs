using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// One proxied request in flight, with the last time the cluster grain confirmed its access. When the grain cannot
/// be asked, a request goes on only until its confirmation is a decision-cache TTL old — the same age limit a cached
/// decision has for new requests.
/// </summary>
internal sealed class LiveRequest(string clusterId, string userId, long generation, HttpContext context, DateTimeOffset registeredAt)
{
    private long _confirmedAtTicks = registeredAt.UtcTicks;
    private int _cut;

    public string ClusterId => clusterId;

    public string UserId => userId;

    public long Generation => generation;

    public HttpContext Context => context;

    public DateTimeOffset ConfirmedAt => new(Interlocked.Read(ref _confirmedAtTicks), TimeSpan.Zero);

    public void Confirmed(DateTimeOffset at) => Interlocked.Exchange(ref _confirmedAtTicks, at.UtcTicks);

    /// <summary>True the first time only: the event path and a sweep may both find the request revoked.</summary>
    public bool TryMarkCut() => Interlocked.Exchange(ref _cut, 1) == 0;
}
