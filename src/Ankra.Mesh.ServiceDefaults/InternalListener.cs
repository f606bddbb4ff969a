using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.ServiceDefaults;

/// <summary>
/// Adds the internal listener (<see cref="MeshTelemetryOptions.InternalUrl"/>) to Kestrel beside whatever
/// <c>Kestrel:Endpoints</c> configures, and tells a request that arrived on it from one that did not — by the
/// local port of its connection, which a client cannot choose, never by the Host header, which it can.
/// </summary>
internal sealed class InternalListener(IOptions<MeshTelemetryOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    private readonly (IPAddress? Address, int Port)? _endpoint = options.Value.InternalUrl is { Length: > 0 } url ? Parse(url) : null;

    /// <summary>True when the internal listener is configured.</summary>
    public bool Enabled => _endpoint is not null;

    public void Configure(KestrelServerOptions options)
    {
        if (_endpoint is not { } endpoint)
        {
            return;
        }

        // HTTP/1.1 only: probes and scrapers speak it, and nothing here needs HTTP/2.
        Action<ListenOptions> http1 = listen => listen.Protocols = HttpProtocols.Http1;
        if (endpoint.Address is null)
        {
            options.ListenLocalhost(endpoint.Port, http1);
        }
        else
        {
            options.Listen(endpoint.Address, endpoint.Port, http1);
        }
    }

    /// <summary>True when <paramref name="context"/> came in on the internal listener.</summary>
    public bool Serves(HttpContext context) => _endpoint is { } endpoint && context.Connection.LocalPort == endpoint.Port;

    /// <summary>
    /// The address (null for localhost) and port of <c>http://HOST:PORT</c>, or null when it is not one. A fixed port:
    /// requests are told apart by it, so it must be known before Kestrel binds.
    /// </summary>
    internal static (IPAddress? Address, int Port)? Parse(string url)
    {
        // "*" and "+" (Kestrel's spellings of "every interface") are no valid URI hosts; read them as 0.0.0.0.
        var normalised = url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.IsDefaultPort
            || uri.Port <= 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        if (uri.IsLoopback && uri.HostNameType == UriHostNameType.Dns)
        {
            return (null, uri.Port);
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) ? (address, uri.Port) : null;
    }
}
