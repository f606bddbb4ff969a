namespace Ankra.Mesh.Cli.Kubeconfig;

/// <summary>Which kubeconfig file to edit: <c>--kubeconfig</c>, else the first entry of <c>$KUBECONFIG</c>, else <c>~/.kube/config</c>.</summary>
internal static class KubeconfigLocator
{
    public static string Resolve(string? flag, IReadOnlyDictionary<string, string> environment, string home)
    {
        if (!string.IsNullOrEmpty(flag))
        {
            return Path.GetFullPath(flag);
        }

        if (environment.TryGetValue("KUBECONFIG", out var variable))
        {
            var first = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            if (first is not null)
            {
                return Path.GetFullPath(first);
            }
        }

        return Path.Combine(home, ".kube", "config");
    }
}
