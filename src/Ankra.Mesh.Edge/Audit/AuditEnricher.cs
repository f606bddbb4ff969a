using Ankra.Mesh.Grains;
using Microsoft.Extensions.Caching.Memory;

namespace Ankra.Mesh.Edge.Audit;

/// <summary>
/// Fills in what the request path does not carry — the cluster's organisation, the user's email, the grant's role —
/// from the grains, off the request path (in the writer) and briefly cached, so that auditing costs kubectl no
/// grain call. A value that cannot be found (the control plane unreachable, a grant deleted meanwhile) stays empty.
/// </summary>
internal sealed class AuditEnricher(IGrainFactory grains, ILogger<AuditEnricher> logger) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public async Task<IReadOnlyList<AuditEvent>> EnrichAsync(IReadOnlyList<AuditEvent> batch)
    {
        var result = new List<AuditEvent>(batch.Count);
        foreach (var e in batch)
        {
            try
            {
                result.Add(e with
                {
                    // Only for a verified token (whose audience is this cluster): a request without one may name any
                    // cluster id, and must not make the writer activate grains for ids nobody owns.
                    OrganisationId = e.OrganisationId ?? (e.UserId is null ? null : await OrganisationAsync(e.ClusterId)),
                    UserEmail = e.UserEmail ?? (e.UserId is null ? null : await EmailAsync(e.UserId)),
                    GrantRole = e.GrantRole ?? (e.GrantId is null ? null : await RoleAsync(e.ClusterId, e.GrantId)),
                });
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                GatewayAuditLog.EnrichmentFailed(logger, e.ClusterId, exception);
                result.Add(e);
            }
        }

        return result;
    }

    public void Dispose() => _cache.Dispose();

    private Task<string?> OrganisationAsync(string clusterId) =>
        CachedAsync(("org", clusterId), async () => (await grains.GetGrain<IClusterGrain>(clusterId).GetAsync())?.OrganisationId);

    private Task<string?> EmailAsync(string userId) =>
        CachedAsync(("email", userId), async () => (await grains.GetGrain<IUserGrain>(userId).GetAsync())?.Email);

    private async Task<string?> RoleAsync(string clusterId, string grantId)
    {
        // A grant's role never changes (a new role is a new grant), so a found role is kept; a miss asks again.
        var role = await CachedAsync(("grant", grantId), async () =>
            (await grains.GetGrain<IClusterGrain>(clusterId).ListGrantsAsync()).FirstOrDefault(g => g.Id == grantId)?.Role);
        if (role is null)
        {
            _cache.Remove(("grant", grantId));
        }

        return role;
    }

    private async Task<string?> CachedAsync((string Kind, string Key) key, Func<Task<string?>> load)
    {
        if (_cache.TryGetValue(key, out string? cached))
        {
            return cached;
        }

        var value = await load();
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return value;
    }
}
