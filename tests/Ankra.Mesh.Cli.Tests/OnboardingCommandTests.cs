using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Commands;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Cli.Tests;

/// <summary>The onboarding commands' rules that need no API: completion, the delete confirmation, an import that keeps its secret.</summary>
public sealed class OnboardingCommandTests : IDisposable
{
    private const string UnreachableBaseUrl = "http://127.0.0.1:1";
    private readonly AnkraCliRunner _cli = new();

    [Theory]
    [InlineData("ankra cluster de", "delete")]
    [InlineData("ankra mem", "members")]
    [InlineData("ankra members ", "add\nlist\nremove")]
    [InlineData("ankra cluster access grant dev@example.com --role ", "admin\ncluster-admin\nedit\nview")]
    [InlineData("ankra completion ", "bash\nfish\nzsh")]
    public async Task CompletionBash_SourcedScript_CompletesFromTheCommandTree(string line, string expected)
    {
        // What bash does on <TAB>: the script's function runs with COMP_LINE/COMP_POINT/COMP_WORDS set.
        var words = line.Split(' ');
        var script = $"""
            source <(ankra completion bash)
            COMP_LINE='{line}'; COMP_POINT=${"{"}#COMP_LINE{"}"}; COMP_WORDS=({string.Join(' ', words.Select(w => $"'{w}'"))}); COMP_CWORD={words.Length - 1}
            _ankra_complete
            printf '%s\n' "${"{"}COMPREPLY[@]{"}"}" | grep -v '^[-/]'
            """;

        var result = await CommandRunner.RunAsync("/bin/bash", ["-c", script], Environment(), timeout: TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, result.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _ankra_complete ankra")]
    [InlineData("zsh", "compdef _ankra ankra")]
    [InlineData("fish", "complete -c ankra -f -a '(__ankra_complete)'")]
    public async Task Completion_EachShell_PrintsAScriptUsingTheSuggestDirective(string shell, string registration)
    {
        var result = await _cli.RunAsync("completion", shell);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(registration, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[suggest:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", result.StandardError);
    }

    [Fact]
    public async Task Completion_UnknownShell_ExitsWithUsageCode()
    {
        var result = await _cli.RunAsync("completion", "powershell");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("powershell", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterDelete_NoTerminalAndNoYes_ExitsDeclinedWithoutCallingTheApi()
    {
        var result = await _cli.RunAsync("cluster", "delete", "production", "--token", "api-token", "--base-url", UnreachableBaseUrl);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("--yes", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(UnreachableBaseUrl, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterDelete_Yes_CallsTheApi()
    {
        var result = await _cli.RunAsync("cluster", "delete", "production", "--yes", "--token", "api-token", "--base-url", UnreachableBaseUrl);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(UnreachableBaseUrl, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportWithTokenFile_Answer_HoldsNoSecretAndTheInstallReadsTheFile()
    {
        const string Token = "ankagent_0f3c_s3cr3t-value";
        var url = "https://mesh.example.com/api/v1/clusters/0f3c/agent/install.yaml";
        var answer = new ImportedCluster(new ClusterInfo("0f3c", "prod", "offline", "imported", "org", null, null), Token,
            $"curl -fsSL -H \"Authorization: Bearer {Token}\" {url} | kubectl apply -f -", url);

        var shown = ClusterImportCommand.WithoutSecret(answer, "/home/o'neil/prod.token");

        Assert.DoesNotContain("s3cr3t", shown.ToString(), StringComparison.Ordinal);
        Assert.Equal($"curl -fsSL -H \"Authorization: Bearer $(cat '/home/o'\\''neil/prod.token')\" {url} | kubectl apply -f -", shown.InstallCommand);
        Assert.Equal("(written to /home/o'neil/prod.token)", shown.AgentToken);
    }

    [Fact]
    public void ImportWithTokenFile_ServerWithoutInstallUrl_PrintsNoInstallCommand()
    {
        var answer = new ImportedCluster(new ClusterInfo("0f3c", "prod", null, null, null, null, null), "ankagent_0f3c_secret", "kubectl … secret …");

        Assert.Null(ClusterImportCommand.WithoutSecret(answer, "/tmp/t").InstallCommand);
    }

    public void Dispose() => _cli.Dispose();

    private Dictionary<string, string?> Environment() => new()
    {
        ["HOME"] = _cli.Home,
        ["PATH"] = $"{Path.GetDirectoryName(AnkraCliRunner.BinaryPath)}:/usr/bin:/bin",
    };
}
