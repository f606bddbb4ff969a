namespace Ankra.Mesh.Agent.Configuration;

/// <summary>
/// How the agent reaches its cluster's API server (<c>Mesh:Agent:ApiServer</c>). Inside a cluster all of
/// this defaults to the pod's service account; outside, name a kubeconfig or a URL with token and CA.
/// </summary>
public sealed class ApiServerOptions
{
    /// <summary>Kubeconfig to use (running outside a cluster); its current context unless <see cref="Context"/> is set.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Kubeconfig context to use.</summary>
    public string? Context { get; set; }

    /// <summary>API server URL (with <see cref="TokenFile"/> or <see cref="Token"/>); unset means in-cluster or kubeconfig.</summary>
    public string? Url { get; set; }

    /// <summary>File with the service-account bearer token; re-read when it changes (projected tokens rotate).</summary>
    public string? TokenFile { get; set; }

    /// <summary>Bearer token given inline (tests and development).</summary>
    public string? Token { get; set; }

    /// <summary>PEM file of the CA that signs the API server's certificate.</summary>
    public string? CaFile { get; set; }

    /// <summary>Skip verification of the API server's certificate (development only).</summary>
    public bool InsecureSkipTlsVerify { get; set; }
}
