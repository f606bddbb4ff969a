using System.Diagnostics;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Demo.Chaos;

/// <summary>Starts a long-running kubectl (watch, logs -f, exec, port-forward) of the stack whose every output line the caller sees.</summary>
internal static class ChaosKubectl
{
    public const string Version = "1.33";

    public static ChildProcess Start(MeshStack stack, Action<string> onLine, bool standardInput, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(KubectlBinary.PathFor(Version)) { WorkingDirectory = stack.Directory, RedirectStandardInput = standardInput };
        foreach (var argument in (string[])["--kubeconfig", stack.Kubeconfig, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in stack.Environment())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return ChildProcess.Start($"kubectl {arguments[0]}", startInfo, onLine: onLine);
    }

    /// <summary>The last line a finished kubectl printed (its error), for the table.</summary>
    public static string LastLine(ChildProcess process) =>
        process.RecentOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "";
}
