using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.PrivateCa;
using k8s;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Kubernetes;

/// <summary>
/// The agent's own connection to its cluster's API server: a KubernetesClient for RBAC reconciliation,
/// and an <see cref="HttpMessageHandler"/> for proxied user requests. Both use the agent's service-account
/// credentials; user requests add impersonation on top (see the tunnel request rewriter).
/// </summary>
internal sealed class ApiServerConnection : IDisposable
{
    private readonly KubernetesClientConfiguration _configuration;
    private readonly Lazy<k8s.Kubernetes> _client;
    private readonly RemoteCertificateValidationCallback _clusterCa;

    public ApiServerConnection(IOptions<AgentOptions> options)
    {
        _configuration = BuildConfiguration(options.Value.ApiServer);
        // The cluster's CA (CaFile, the kubeconfig's or the service account's) when there is one; else the system store.
        _clusterCa = PrivateCaTrust.ForRootsOrSystem(_configuration.SslCaCerts);
        _client = new Lazy<k8s.Kubernetes>(CreateClient);
        BaseAddress = new Uri(_configuration.Host.TrimEnd('/') + "/");
    }

    /// <summary>The API server's base URL.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Typed client for the agent's own calls (RBAC bindings).</summary>
    public IKubernetes Client => _client.Value;

    /// <summary>
    /// A handler for proxied requests: HTTP/1.1-capable (upgrades for exec and port-forward), trusting only
    /// the cluster's CA, and never following redirects — a redirect would carry the agent's credentials elsewhere.
    /// </summary>
    public HttpMessageHandler CreateProxyHandler()
    {
        var handler = Ankra.Mesh.Tunnel.Agent.TunnelUpstream.CreateHandler();
        handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ValidateServerCertificate };
        return handler;
    }

    /// <summary>The agent's bearer token, re-read from its source when that rotates.</summary>
    public async ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken = default)
    {
        if (_configuration.TokenProvider is { } provider)
        {
            return await provider.GetAuthenticationHeaderAsync(cancellationToken);
        }

        return string.IsNullOrEmpty(_configuration.AccessToken) ? null : new AuthenticationHeaderValue("Bearer", _configuration.AccessToken);
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    /// <summary>The typed client, its requests sent through a handler that trusts the cluster's CA alone (see <see cref="OwnTransportHandler"/>).</summary>
    private k8s.Kubernetes CreateClient()
    {
        var transport = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // As KubernetesClient's own handler: pings keep long watches' connections known to be alive.
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromMinutes(3),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ValidateServerCertificate },
        };
        if (ClientCertificate(_configuration) is { } clientCertificate)
        {
            transport.SslOptions.ClientCertificates = [clientCertificate];
        }

        return new k8s.Kubernetes(_configuration, new OwnTransportHandler(transport));
    }

    /// <summary>A kubeconfig's client certificate (data or files, PEM), which the library's own handler would have presented.</summary>
    private static X509Certificate2? ClientCertificate(KubernetesClientConfiguration configuration)
    {
        var certificate = Pem(configuration.ClientCertificateData, configuration.ClientCertificateFilePath);
        var key = Pem(configuration.ClientCertificateKeyData, configuration.ClientKeyFilePath);
        return certificate is null || key is null ? null : X509Certificate2.CreateFromPem(certificate, key);

        static string? Pem(string? base64, string? path) =>
            !string.IsNullOrEmpty(base64) ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64))
            : !string.IsNullOrEmpty(path) ? File.ReadAllText(path)
            : null;
    }

    private bool ValidateServerCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        _configuration.SkipTlsVerify || _clusterCa(sender, certificate, chain, errors);

    private static KubernetesClientConfiguration BuildConfiguration(ApiServerOptions options)
    {
        KubernetesClientConfiguration configuration;
        if (options.Url is not null)
        {
            configuration = new KubernetesClientConfiguration
            {
                Host = options.Url,
                AccessToken = options.Token,
                TokenProvider = options.TokenFile is null ? null : new k8s.Authentication.TokenFileAuth(options.TokenFile),
            };
        }
        else if (options.Kubeconfig is not null)
        {
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig, options.Context);
        }
        else if (KubernetesClientConfiguration.IsInCluster())
        {
            configuration = KubernetesClientConfiguration.InClusterConfig();
        }
        else
        {
            throw new InvalidOperationException(
                "No API server configured: set Mesh:Agent:ApiServer:Url (with TokenFile) or Mesh:Agent:ApiServer:Kubeconfig, or run inside a cluster.");
        }

        if (options.CaFile is not null)
        {
            // Every certificate of the file (PEM): a bundle carries the old and new CA through a rotation.
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(options.CaFile);
            configuration.SslCaCerts = roots.Count > 0
                ? roots
                : throw new InvalidOperationException($"Mesh:Agent:ApiServer:CaFile {options.CaFile} holds no PEM certificate.");
        }

        configuration.SkipTlsVerify |= options.InsecureSkipTlsVerify;
        return configuration;
    }
}
