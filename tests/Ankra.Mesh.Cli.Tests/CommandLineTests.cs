namespace Ankra.Mesh.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly AnkraCliRunner _cli = new();

    public static TheoryData<string> Commands() =>
    [
        "login", "logout", "cluster", "cluster list", "cluster import", "cluster select", "cluster clear", "cluster kube-token",
        "cluster kubeconfig", "cluster kubeconfig add", "cluster kubeconfig remove", "cluster kubeconfig list",
        "cluster access", "cluster access list", "cluster access grant", "cluster access revoke",
        "tokens", "tokens list", "tokens create", "tokens revoke",
        "cluster delete", "members", "members list", "members add", "members remove", "completion",
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_ShowsUsageAndAnExample(string command)
    {
        var result = await _cli.RunAsync([.. command.Split(' '), "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.StandardOutput);
        Assert.Contains("Examples:", result.StandardOutput);
        Assert.Contains($"ankra {command}", result.StandardOutput);
    }

    [Fact]
    public async Task Parse_UnknownFlag_ExitsWithUsageCode()
    {
        var result = await _cli.RunAsync("cluster", "list", "--no-such-flag");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--no-such-flag", result.StandardError);
    }

    [Fact]
    public async Task Parse_RoleOutsideBuiltIns_ExitsWithUsageCode()
    {
        var result = await _cli.RunAsync("cluster", "access", "grant", "dev@example.com", "--role", "superuser");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("superuser", result.StandardError);
    }

    [Fact]
    public async Task KubeToken_NotLoggedIn_ExitsAuthenticationAndNamesLogin()
    {
        var result = await _cli.RunAsync("cluster", "kube-token", "--cluster", "1f0c1e2a-9b7d-4c5e-8f60-3a2b1c0d9e8f");

        Assert.Equal(6, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.Contains("ankra login", result.StandardError);
    }

    [Fact]
    public async Task Login_WithoutTokenAndNoApi_FailsSayingWhichAddressAndSavesNothing()
    {
        // Without --token, login starts the browser flow at the base URL; nothing listens on port 1.
        var result = await _cli.RunAsync("login", "--no-browser", "--base-url", "https://127.0.0.1:1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Cannot reach https://127.0.0.1:1", result.StandardError);
        Assert.False(File.Exists(_cli.ConfigPath));
    }

    [Fact]
    public async Task ClusterClear_LooseConfigFile_TightensTo0600AndKeepsOtherKeys()
    {
        await File.WriteAllTextAsync(_cli.ConfigPath, "token: abc\nbase-url: https://mesh.example.com\ncluster_id: x\nfuture_setting: keep\n");
        File.SetUnixFileMode(_cli.ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await _cli.RunAsync("cluster", "clear");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.ConfigPath));
        var saved = await File.ReadAllTextAsync(_cli.ConfigPath);
        Assert.Contains("future_setting: keep", saved);
        Assert.Contains("token: abc", saved);
        Assert.DoesNotContain("cluster_id", saved);
    }

    [Fact]
    public async Task AnyApiCommand_UnreachableBaseUrl_ExitsFailureWithAddress()
    {
        var result = await _cli.RunAsync("cluster", "list", "--token", "t", "--base-url", "http://127.0.0.1:1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("http://127.0.0.1:1", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError); // no stack trace
    }

    public void Dispose() => _cli.Dispose();
}
