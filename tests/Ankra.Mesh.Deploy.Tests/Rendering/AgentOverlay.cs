using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Deploy.Tests.Rendering;

/// <summary>
/// A customer's (or the edge's per-cluster) kustomization on top of k8s/agent that sets every parameter the
/// README names: image (by digest), registration Secret name, NATS CA (component nats-ca). Written to a
/// temporary folder, removed on dispose.
/// </summary>
internal sealed class AgentOverlay : IDisposable
{
    public const string Image = "registry.example.com/ankra/agent";
    public const string Digest = "sha256:5d41402abc4b2a76b9719d911017c592ae2f1c1b2a1f7d3d1b0e4c4ac3e1b7f0";
    public const string RegistrationSecret = "cluster-c1-registration";
    public const string NatsCa = "-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n";

    private AgentOverlay(string directory) => Directory = directory;

    /// <summary>The overlay's folder (pass it to <see cref="Kustomize.RenderAsync"/>).</summary>
    public string Directory { get; }

    /// <summary>Writes the overlay.</summary>
    public static AgentOverlay Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("mesh-agent-overlay-").FullName;
        // kustomize takes bases by relative path only.
        var agent = Path.GetRelativePath(directory, RepositoryPaths.Combine("k8s", "agent"));
        File.WriteAllText(Path.Combine(directory, "nats-ca.crt"), NatsCa);
        File.WriteAllText(Path.Combine(directory, "kustomization.yaml"), $$"""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - {{agent}}
            components:
              - {{agent}}/components/nats-ca
            images:
              - name: ankra-mesh/agent
                newName: {{Image}}
                digest: {{Digest}}
            configMapGenerator:
              - name: ankra-agent-nats-ca
                namespace: ankra
                files:
                  - ca.crt=nats-ca.crt
            patches:
              - patch: |-
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata:
                    name: ankra-agent
                  spec:
                    template:
                      spec:
                        containers:
                          - name: agent
                            env:
                              - name: Mesh__Agent__EdgeUrl
                                valueFrom:
                                  secretKeyRef:
                                    name: {{RegistrationSecret}}
                                    key: edge-url
                        volumes:
                          - name: registration
                            secret:
                              secretName: {{RegistrationSecret}}
            """);
        return new AgentOverlay(directory);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
