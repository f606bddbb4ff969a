using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Audit;
using Ankra.Mesh.KubeSim.Authentication;
using Ankra.Mesh.KubeSim.Resources;
using Ankra.Mesh.KubeSim.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.KubeSim.Hosting;

/// <summary>
/// The simulated Kubernetes API server inside a test process. Start it with <see cref="StartAsync"/>,
/// point kubectl (or the agent) at <see cref="HttpsUrl"/> with <see cref="CaFile"/> as the certificate
/// authority and a bearer token (<see cref="AgentToken"/> or one from <see cref="AddUserToken"/>), seed
/// objects with <see cref="Seed"/>, and read what happened from <see cref="Audit"/>.
/// </summary>
/// <example>
/// <code>
/// await using var cluster = await KubeSimHost.StartAsync();
/// cluster.AddUserToken("alice-token", "alice", "developers");
/// cluster.Seed("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},"spec":{"containers":[{"name":"app","image":"nginx"}]}}""");
/// File.WriteAllText(path, cluster.Kubeconfig("alice-token"));
/// </code>
/// </example>
public sealed class KubeSimHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CertificateAuthority _certificates;
    private readonly bool _ownsCaFile;

    private KubeSimHost(WebApplication app, CertificateAuthority certificates, KubeSimOptions options, bool ownsCaFile)
    {
        _app = app;
        _certificates = certificates;
        _ownsCaFile = ownsCaFile;
        Options = options;
        (HttpsUrl, HttpUrl) = KubeSimServer.Addresses(app);
        CaFile = options.CaFile;
    }

    /// <summary>The HTTPS base URL (<c>https://127.0.0.1:port</c>).</summary>
    public Uri HttpsUrl { get; }

    /// <summary>The plain HTTP base URL, or null when HTTP is disabled.</summary>
    public Uri? HttpUrl { get; }

    /// <summary>PEM file of the CA that signed the server certificate.</summary>
    public string CaFile { get; }

    /// <summary>The CA certificate in PEM form (for <c>certificate-authority-data</c>).</summary>
    public string CaPem => _certificates.CaPem;

    /// <summary>Bearer token of <c>system:serviceaccount:ankra:ankra-agent</c>, which may impersonate and manage RBAC.</summary>
    public string AgentToken => Options.AgentToken;

    /// <summary>The settings the server runs with.</summary>
    public KubeSimOptions Options { get; }

    /// <summary>Every request the server answered, with identities and response codes.</summary>
    public AuditLog Audit => _app.Services.GetRequiredService<AuditLog>();

    /// <summary>Watches currently open, over all resources.</summary>
    public int OpenWatches => _app.Services.GetRequiredService<ObjectStore>().All.Sum(s => s.WatcherCount);

    /// <summary>Starts a server on free loopback ports with a fresh CA (written to a temporary file unless configured).</summary>
    public static async Task<KubeSimHost> StartAsync(Action<KubeSimOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var certificates = CertificateAuthority.Create();
        var settings = new KubeSimOptions();
        configure?.Invoke(settings);
        var ownsCaFile = string.IsNullOrEmpty(settings.CaFile);
        var caFile = ownsCaFile ? Path.Combine(Path.GetTempPath(), $"kubesim-ca-{Guid.NewGuid():N}.crt") : settings.CaFile;
        await File.WriteAllTextAsync(caFile, certificates.CaPem, cancellationToken);
        void Apply(KubeSimOptions o)
        {
            configure?.Invoke(o);
            o.CaFile = caFile;
        }

        var app = KubeSimServer.Build([], Apply, certificates, quiet: true);
        await app.StartAsync(cancellationToken);
        return new KubeSimHost(app, certificates, app.Services.GetRequiredService<IOptions<KubeSimOptions>>().Value, ownsCaFile);
    }

    /// <summary>Adds a bearer token that authenticates as <paramref name="user"/> with <paramref name="groups"/> (plus <c>system:authenticated</c>).</summary>
    public void AddUserToken(string token, string user, params string[] groups) =>
        _app.Services.GetRequiredService<TokenAuthenticator>().Add(token, user, groups);

    /// <summary>
    /// Creates objects directly in the store (no authentication or RBAC): one JSON object, or a
    /// <c>List</c> of them. Returns the created objects as JSON, one per line.
    /// </summary>
    public string Seed(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("Seed expects a JSON object or List.", nameof(json));
        var items = node["items"] is JsonArray list ? list.OfType<JsonObject>().Select(i => i.DeepClone().AsObject()).ToList() : [node];
        var catalog = _app.Services.GetRequiredService<ResourceCatalog>();
        var objects = _app.Services.GetRequiredService<ObjectService>();
        var created = new List<string>();
        foreach (var item in items)
        {
            var apiVersion = Json.Str(item, "apiVersion") ?? "v1";
            var kind = Json.Str(item, "kind") ?? throw new ArgumentException("Every seeded object needs a kind.", nameof(json));
            var type = catalog.Types.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind && !t.IsReview)
                ?? throw new ArgumentException($"KubeSim does not serve {apiVersion} {kind}.", nameof(json));
            created.Add(objects.Create(type, Json.Str(item, "metadata.namespace") ?? "default", item).ToJsonString());
        }

        return string.Join('\n', created);
    }

    /// <summary>Forgets the watch history of every resource, so older resourceVersions answer 410 Gone.</summary>
    public void CompactWatchHistory()
    {
        foreach (var store in _app.Services.GetRequiredService<ObjectStore>().All)
        {
            store.Compact();
        }
    }

    /// <summary>A kubeconfig for <paramref name="token"/> against the HTTPS endpoint, trusting <see cref="CaFile"/>.</summary>
    public string Kubeconfig(string token, string? defaultNamespace = null) =>
        Ankra.Mesh.Kubeconfig.KubeconfigDocument.SingleContext("kubesim", HttpsUrl.ToString().TrimEnd('/'), token, defaultNamespace ?? "default", CaFile).Serialize();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
        _certificates.Dispose();
        if (_ownsCaFile)
        {
            File.Delete(CaFile);
        }
    }
}
