using System.Globalization;
using System.Text;

namespace Ankra.Mesh.Cli.Api;

/// <summary>The gateway audit endpoint.</summary>
internal sealed partial class AnkraApiClient
{
    public Task<ResultPage<AuditEventInfo>> ListAuditAsync(
        string clusterId, string? user, string? verb, DateTimeOffset? since, DateTimeOffset? until, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = new StringBuilder($"/api/v1/clusters/{Segment(clusterId)}/audit?page=1&page_size={pageSize.ToString(CultureInfo.InvariantCulture)}");
        Append(query, "user", user);
        Append(query, "verb", verb);
        Append(query, "since", since?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Append(query, "until", until?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        return SendAsync(HttpMethod.Get, query.ToString(), null, ApiJsonContext.Default.ResultPageAuditEventInfo, cancellationToken);
    }

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
