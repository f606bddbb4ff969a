namespace Ankra.Mesh.KubeSim.Tests.Kubectl;

/// <summary>What one kubectl invocation printed and how it exited.</summary>
public sealed record KubectlResult(int ExitCode, string Output, string Error)
{
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public KubectlResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"kubectl exited {ExitCode}.\nstdout:\n{Output}\nstderr:\n{Error}");
        return this;
    }
}
