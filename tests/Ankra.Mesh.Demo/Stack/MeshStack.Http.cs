using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Text.Json.Nodes;
using Ankra.Mesh.PrivateCa;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Demo.Stack;

/// <summary>
/// Plain HTTP clients for the two ways to one API server: through the mesh (edge → NATS → agent → KubeSim,
/// with the admin's kube token, as kubectl sends it) and directly to KubeSim (the baseline a benchmark or a
/// byte-for-byte comparison needs). Both speak HTTP/1.1 or HTTP/2 exactly, as asked.
/// </summary>
public sealed partial class MeshStack
{
    private const string DirectToken = "direct-admin-token";

    /// <summary>The kube proxy URL of the stack's cluster, as written into the kubeconfig.</summary>
    public Uri KubeProxyUrl => new($"{EdgeUrl}/api/v1/clusters/{ClusterId}/k8s/");

    /// <summary>A fresh kube token of the admin, from the built <c>ankra cluster kube-token</c>.</summary>
    public async Task<string> KubeTokenAsync()
    {
        var credential = ParseJson(await RequireAsync(AnkraAsync("cluster", "kube-token", "--cluster", ClusterId)));
        return credential["status"]?["token"]?.GetValue<string>() ?? throw new InvalidOperationException("ankra printed no token");
    }

    /// <summary>An HTTP client for the cluster through the mesh; paths are relative to the API server root.</summary>
    public HttpClient MeshKubeClient(string kubeToken, Version version) =>
        KubeClient(KubeProxyUrl, kubeToken, version, PrivateCaTrust.FromFile(Certificates.CaPath));

    /// <summary>An HTTP client straight to KubeSim as a cluster admin (no gateway, no tunnel).</summary>
    public HttpClient DirectKubeClient(Version version)
    {
        KubeSim.AddUserToken(DirectToken, "direct-admin", "system:masters");
        return KubeClient(KubeSim.HttpsUrl, DirectToken, version, PrivateCaTrust.FromFile(KubeSim.CaFile));
    }

    /// <summary>Runs kubectl <paramref name="version"/> straight against KubeSim as a cluster admin (the baseline).</summary>
    public async Task<ProcessResult> DirectKubectlAsync(string version, params string[] arguments)
    {
        KubeSim.AddUserToken(DirectToken, "direct-admin", "system:masters");
        var kubeconfig = Path.Combine(Directory, "direct-kubeconfig");
        if (!File.Exists(kubeconfig))
        {
            await File.WriteAllTextAsync(kubeconfig, KubeSim.Kubeconfig(DirectToken, DemoWorkload.Namespace));
        }

        return await CommandRunner.RunAsync(KubectlBinary.PathFor(version), ["--kubeconfig", kubeconfig, .. arguments], Environment(), timeout: CliTimeout);
    }

    private static HttpClient KubeClient(Uri baseAddress, string token, Version version, PrivateCaTrust ca)
    {
        var handler = new SocketsHttpHandler
        {
            // Many concurrent streams (watches at scale) need more than one HTTP/2 connection's stream limit.
            EnableMultipleHttp2Connections = true,
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = ca.Validate,
            },
        };
        var client = new HttpClient(handler)
        {
            BaseAddress = baseAddress,
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Seeds <paramref name="count"/> ConfigMaps of <paramref name="valueBytes"/> each into a new namespace.</summary>
    public void SeedConfigMaps(string ns, int count, int valueBytes)
    {
        var items = new JsonArray { new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } } };
        var value = new string('x', valueBytes);
        for (var i = 0; i < count; i++)
        {
            items.Add(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject { ["name"] = $"cm-{i:D6}", ["namespace"] = ns },
                ["data"] = new JsonObject { ["value"] = $"{i:D6}{value}" },
            });
        }

        KubeSim.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = items }.ToJsonString());
    }
}
