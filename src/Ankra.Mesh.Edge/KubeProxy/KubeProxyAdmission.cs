using System.Threading.RateLimiting;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// Step 4's answer: the request holds a place in its user's and its cluster's pool until disposed, or it was
/// refused with a message that names the setting whose cap is full.
/// </summary>
internal sealed class KubeProxyAdmission : IDisposable
{
    private RateLimitLease? _user;
    private RateLimitLease? _cluster;

    private KubeProxyAdmission(RateLimitLease? user, RateLimitLease? cluster, string? refusal)
    {
        _user = user;
        _cluster = cluster;
        Refusal = refusal;
    }

    /// <summary>Why the request was refused (a Kubernetes <c>Status</c> message), or null when it was admitted.</summary>
    public string? Refusal { get; }

    public static KubeProxyAdmission Admitted(RateLimitLease user, RateLimitLease cluster) => new(user, cluster, null);

    public static KubeProxyAdmission Refused(string message) => new(null, null, message);

    /// <summary>Returns both places, once.</summary>
    public void Dispose()
    {
        Interlocked.Exchange(ref _cluster, null)?.Dispose();
        Interlocked.Exchange(ref _user, null)?.Dispose();
    }
}
