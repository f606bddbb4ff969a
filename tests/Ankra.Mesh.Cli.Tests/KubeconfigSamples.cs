namespace Ankra.Mesh.Cli.Tests;

/// <summary>Hand-written kubeconfigs with the kinds of entries people really have.</summary>
internal static class KubeconfigSamples
{
    /// <summary>Foreign entries of every shape plus one Ankra context (cluster 1f0c…, named ankra-prod) that is current.</summary>
    public const string MixedWithAnkraCurrent = """
        apiVersion: v1
        kind: Config
        preferences:
          colors: true
        current-context: ankra-prod
        clusters:
        - name: corp
          cluster:
            server: https://corp.example.com:6443
            certificate-authority-data: LS0tLS1CRUdJTi0tLS0tCg==
            proxy-url: http://proxy.corp:3128
            tls-server-name: api.corp
            extensions:
            - name: client.example.com/tracking
              extension:
                apiVersion: example.com/v1
                kind: Tracking
                owner: platform-team
        - name: ankra-prod
          cluster:
            server: https://mesh.example.com/api/v1/clusters/1f0c1e2a-9b7d-4c5e-8f60-3a2b1c0d9e8f/k8s
        users:
        - name: corp-admin
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: corp-login
              args: ["token", "--audience", "k8s"]
              env:
              - name: CORP_REGION
                value: eu-west-1
              installHint: Install corp-login from the intranet.
              interactiveMode: IfAvailable
              provideClusterInfo: true
        - name: cert-user
          user:
            client-certificate-data: Q0VSVA==
            client-key-data: S0VZ
        - name: ankra-prod
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: ankra
              args: ["cluster", "kube-token", "--cluster", "1f0c1e2a-9b7d-4c5e-8f60-3a2b1c0d9e8f"]
              interactiveMode: Never
        contexts:
        - name: corp
          context:
            cluster: corp
            user: corp-admin
            namespace: payments
        - name: corp-cert
          context:
            cluster: corp
            user: cert-user
        - name: ankra-prod
          context:
            cluster: ankra-prod
            user: ankra-prod
            extensions:
            - name: ankra.io/cluster
              extension:
                apiVersion: ankra.io/v1
                kind: ClusterReference
                cluster_id: 1f0c1e2a-9b7d-4c5e-8f60-3a2b1c0d9e8f
                cluster_name: prod
        extensions:
        - name: top-level.example.com
          extension:
            apiVersion: example.com/v1
            kind: Note
            text: keep me
        """;
}
