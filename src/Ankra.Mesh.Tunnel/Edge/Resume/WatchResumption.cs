using System.Net.Http.Headers;
using System.Web;

namespace Ankra.Mesh.Tunnel.Edge.Resume;

/// <summary>
/// Which responses the edge resumes when the agent replica serving them goes away: JSON watches
/// (<c>GET …?watch=1</c>, 200, <c>application/json</c> — kubectl's tables too). Protobuf watches, logs and
/// upgrades are not resumed; they end as before and the client re-establishes them.
/// </summary>
internal static class WatchResumption
{
    public static bool Applies(HttpRequestMessage request, HttpResponseMessage response) =>
        request.Method == HttpMethod.Get
        && response.StatusCode == System.Net.HttpStatusCode.OK
        && response.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: "application/json" }
        && request.RequestUri is { } uri
        && IsWatch(uri);

    /// <summary>The resourceVersion the request itself named, when a resume could start there (not "0" or unset: those mean "any").</summary>
    public static string? RequestedVersion(Uri uri)
    {
        var version = Query(uri)["resourceVersion"];
        return string.IsNullOrEmpty(version) || version == "0" ? null : version;
    }

    /// <summary><paramref name="uri"/> with its resourceVersion replaced by <paramref name="resourceVersion"/>.</summary>
    public static Uri WithResourceVersion(Uri uri, string resourceVersion)
    {
        var query = Query(uri);
        query["resourceVersion"] = resourceVersion;
        // resourceVersionMatch is for lists only; a watch continues strictly after the version.
        query.Remove("resourceVersionMatch");
        return new UriBuilder(uri) { Query = query.ToString() }.Uri;
    }

    // Runs for every JSON GET: the query is parsed only when it can hold a watch parameter at all.
    private static bool IsWatch(Uri uri) => uri.Query.Contains("watch=", StringComparison.Ordinal) && Query(uri)["watch"] is "1" or "true";

    private static System.Collections.Specialized.NameValueCollection Query(Uri uri) => HttpUtility.ParseQueryString(uri.Query);
}
