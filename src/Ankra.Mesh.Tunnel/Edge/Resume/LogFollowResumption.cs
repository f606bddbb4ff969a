using System.Text.RegularExpressions;
using System.Web;

namespace Ankra.Mesh.Tunnel.Edge.Resume;

/// <summary>
/// Which requests the edge resumes as <c>logs -f</c> when the agent replica serving them goes away:
/// <c>GET /api/v1/namespaces/{ns}/pods/{name}/log?follow=true</c> without <c>limitBytes</c> (that limit counts the
/// server's bytes, and the stamps the edge asks for would change what it counts). The edge adds
/// <c>timestamps=true</c> before the request leaves, because a stamp per line is what makes resuming exact.
/// </summary>
internal static partial class LogFollowResumption
{
    /// <summary>
    /// If <paramref name="request"/> is a resumable <c>logs -f</c>, asks it for timestamps and returns whether the client
    /// had asked for them itself (then they stay in the lines); null for any other request, which is left unchanged.
    /// </summary>
    public static bool? Prepare(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Get || request.RequestUri is not { } uri || !LogPath().IsMatch(uri.AbsolutePath)
            || !uri.Query.Contains("follow=", StringComparison.Ordinal))
        {
            return null;
        }

        var query = HttpUtility.ParseQueryString(uri.Query);
        if (!IsTrue(query["follow"]) || query["limitBytes"] is not null)
        {
            return null;
        }

        var clientWantsTimestamps = IsTrue(query["timestamps"]);
        if (!clientWantsTimestamps)
        {
            query["timestamps"] = "true";
            request.RequestUri = new UriBuilder(uri) { Query = query.ToString() }.Uri;
        }

        return clientWantsTimestamps;
    }

    /// <summary>The prepared request's URI continuing at <paramref name="stamp"/> (null: from where it first started).</summary>
    public static Uri From(Uri prepared, string? stamp)
    {
        if (stamp is null)
        {
            return prepared;
        }

        var query = HttpUtility.ParseQueryString(prepared.Query);
        // The lines before the stamp were handed out already: no tail, no other start.
        query.Remove("tailLines");
        query.Remove("sinceSeconds");
        query["sinceTime"] = stamp;
        return new UriBuilder(prepared) { Query = query.ToString() }.Uri;
    }

    // The API server's own rule for boolean query parameters.
    private static bool IsTrue(string? value) => value is "true" or "1" or "True" or "TRUE" or "t" or "T";

    [GeneratedRegex("^/api/v1/namespaces/[^/]+/pods/[^/]+/log$", RegexOptions.CultureInvariant)]
    private static partial Regex LogPath();
}
