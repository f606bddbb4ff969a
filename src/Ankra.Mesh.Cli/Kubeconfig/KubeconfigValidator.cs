using k8s;

namespace Ankra.Mesh.Cli.Kubeconfig;

/// <summary>
/// Checks a kubeconfig we are about to write by loading it with KubernetesClient's kubeconfig model,
/// so a file we produce is one client libraries accept — before it replaces the user's file. The
/// KubernetesClient.Aot flavour reads YAML through a generated static context, so this works in the
/// Native AOT binary too.
/// </summary>
internal static class KubeconfigValidator
{
    public static void EnsureValid(string yaml, string path)
    {
        try
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(yaml));
            var config = KubernetesClientConfiguration.LoadKubeConfig(stream);
            if (config.Contexts is null || config.Clusters is null || config.Users is null)
            {
                throw new CliException(ExitCodes.Failure, $"Refusing to write {path}: the result lacks contexts, clusters or users.");
            }
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new CliException(ExitCodes.Failure, $"Refusing to write {path}: the result would not be a valid kubeconfig ({exception.Message}).");
        }
    }
}
