using System.Diagnostics;
using Ankra.Mesh.Edge.KubeProxy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ankra.Mesh.Edge.Audit;

/// <summary>
/// One kubectl request being audited: counts its bytes from the start and, when disposed at the end of the
/// handler (after YARP finished copying, upgraded sessions included), queues exactly one <see cref="AuditEvent"/>.
/// Nothing here may fail or wait on the request path: the event goes to <see cref="AuditBuffer"/>, which drops it
/// (counted) when full.
/// </summary>
internal sealed class AuditScope : IDisposable
{
    private const string ProxyMarker = "/k8s";

    private readonly HttpContext _context;
    private readonly string _clusterId;
    private readonly AuditBuffer _buffer;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp;
    private readonly string _upstreamPath;
    private readonly string _upstreamQuery;
    private readonly KubeRequestInfo _info;
    private readonly IReadOnlyDictionary<string, string[]> _query;
    private readonly string? _traceId;
    private readonly CountingStream _requestBody;
    private readonly CountingStream _responseBody;
    private CountingStream? _upgraded;
    private ExecStatusReader? _execStatus;
    private bool _completed;

    public AuditScope(HttpContext context, string clusterId, AuditBuffer buffer, TimeProvider time)
    {
        _context = context;
        _clusterId = clusterId;
        _buffer = buffer;
        _time = time;
        _start = time.GetUtcNow();
        _startTimestamp = time.GetTimestamp();
        _traceId = Activity.Current?.TraceId.ToString();
        (_upstreamPath, _upstreamQuery) = Upstream(context.Request, clusterId);
        _query = KubeRequestInfoParser.ParseQuery(_upstreamQuery);
        _info = KubeRequestInfoParser.Parse(context.Request.Method, _upstreamPath, _query);

        _requestBody = new CountingStream(context.Request.Body);
        context.Request.Body = _requestBody;
        // Setting Body keeps the server's own response feature underneath (StreamResponseBodyFeature), so starting
        // and flushing the response (the transformer's step 8) still reach Kestrel.
        _responseBody = new CountingStream(context.Response.Body);
        context.Response.Body = _responseBody;
        if (context.Features.Get<IHttpUpgradeFeature>() is { } upgrade)
        {
            context.Features.Set<IHttpUpgradeFeature>(new AuditedUpgradeFeature(upgrade, this));
        }
    }

    /// <summary>The user of a valid kube token (null until step 1 succeeded).</summary>
    public string? UserId { get; set; }

    /// <summary>Wraps the upgraded connection; for exec and attach over a WebSocket channel protocol, reads the exit status.</summary>
    internal Stream Upgraded(Stream stream)
    {
        var protocol = _context.Response.Headers.SecWebSocketProtocol.ToString();
        if (_info.Subresource is "exec" or "attach" && protocol.EndsWith(".channel.k8s.io", StringComparison.Ordinal)
            && !protocol.StartsWith("base64.", StringComparison.Ordinal))
        {
            _execStatus = new ExecStatusReader();
        }

        _upgraded = new CountingStream(stream, _execStatus);
        return _upgraded;
    }

    public void Dispose()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        var request = _context.Request;
        var forwarded = _context.Items[KubeProxyRequest.ItemKey] as KubeProxyRequest;
        var pathAndQuery = _upstreamPath + _upstreamQuery;
        _buffer.Add(new AuditEvent
        {
            Time = _start,
            EndedAt = _time.GetUtcNow(),
            ClusterId = _clusterId,
            UserId = UserId,
            GrantId = NullIfEmpty(forwarded?.Identity.GrantId),
            Verb = _info.Verb,
            ApiGroup = _info.ApiGroup,
            ApiVersion = _info.ApiVersion,
            Namespace = _info.Namespace,
            Resource = _info.Resource,
            Subresource = _info.Subresource,
            Name = _info.Name,
            Path = AuditEventLimits.Cut(pathAndQuery, AuditEventLimits.MaxPathLength),
            UserAgent = request.Headers.UserAgent.Count == 0 ? null : AuditEventLimits.Cut(request.Headers.UserAgent.ToString(), AuditEventLimits.MaxUserAgentLength),
            SourceAddress = _context.Connection.RemoteIpAddress?.ToString(),
            StatusCode = _context.Response.StatusCode,
            BytesIn = _requestBody.BytesRead + (_upgraded?.BytesRead ?? 0),
            BytesOut = _responseBody.BytesWritten + (_upgraded?.BytesWritten ?? 0),
            DurationMs = _time.GetElapsedTime(_startTimestamp).TotalMilliseconds,
            // The id the agent stamps into the cluster's audit (Impersonate-Extra-ankra-request-id); a request refused
            // before forwarding gets the same kind of id (its trace id), so it can be found in traces and logs.
            RequestId = NullIfEmpty(forwarded?.Identity.RequestId) ?? _traceId ?? _context.TraceIdentifier,
            Command = _info.Subresource == "exec" ? Command() : null,
            ExitCode = _execStatus?.ExitCode,
        });
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private List<string>? Command()
    {
        if (!_query.TryGetValue("command", out var parts) || parts.Length == 0)
        {
            return null;
        }

        var command = new List<string>();
        var length = 0;
        foreach (var part in parts.Take(AuditEventLimits.MaxCommandArguments))
        {
            length += part.Length;
            if (length > AuditEventLimits.MaxCommandLength)
            {
                break;
            }

            command.Add(part);
        }

        return command;
    }

    /// <summary>Path and query after <c>/api/v1/clusters/{id}/k8s</c>, as the API server sees them.</summary>
    private static (string Path, string Query) Upstream(HttpRequest request, string clusterId)
    {
        var full = request.Path.Value ?? "/";
        var prefix = $"/api/v1/clusters/{clusterId}{ProxyMarker}";
        var rest = full.Length > prefix.Length ? full[prefix.Length..] : "/";
        return (rest.Length == 0 ? "/" : rest, request.QueryString.Value ?? "");
    }
}
