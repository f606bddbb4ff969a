namespace Ankra.Mesh.Tunnel.Agent;

/// <summary>
/// Which proxied requests stay open for minutes or hours: watches, followed logs and upgrades (exec, attach,
/// port-forward). The agent caps them apart from quick requests and sends them over HTTP/2, where thousands
/// share a few connections to the API server.
/// </summary>
public static class LongLivedRequests
{
    /// <summary>True for a watch or <c>logs -f</c> (by its query) or any upgrade.</summary>
    public static bool Matches(string pathAndQuery, bool upgrade)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        if (upgrade)
        {
            return true;
        }

        var queryStart = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            return false;
        }

        var query = pathAndQuery.AsSpan(queryStart);
        return query.Contains("watch=true", StringComparison.OrdinalIgnoreCase)
            || query.Contains("watch=1", StringComparison.Ordinal)
            || query.Contains("follow=true", StringComparison.OrdinalIgnoreCase);
    }
}
