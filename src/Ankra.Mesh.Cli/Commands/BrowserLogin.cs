using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ankra.Mesh.Cli.Api;
using Ankra.Mesh.Cli.Configuration;

namespace Ankra.Mesh.Cli.Commands;

/// <summary>
/// <c>ankra login</c> without <c>--token</c>, as Ankra's CLI does it: a PKCE verifier stays here, its challenge goes to
/// <c>/cli/login/init</c>; the person signs in and approves in the browser (no local port: this works over SSH);
/// the CLI polls every 2 s for at most 10 minutes and saves the API token it receives.
/// </summary>
internal static class BrowserLogin
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(CommandContext context, bool openBrowser, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var verifier = NewVerifier();
        using var api = new AnkraApiClient(settings.BaseUrl, token: null, organisation: null, settings.CertificateAuthority);
        var start = await api.StartLoginAsync(Challenge(verifier), Environment.MachineName, cancellationToken);

        await context.Out.WriteLineAsync($"""
            To sign in, open this address in a browser (on any machine):

                {start.AuthUrl}

            """);
        if (openBrowser)
        {
            TryOpenBrowser(start.AuthUrl);
        }

        var clock = Stopwatch.StartNew();
        string? shown = null;
        while (clock.Elapsed < Deadline)
        {
            var poll = await api.PollLoginAsync(start.Ticket, verifier, cancellationToken);
            if (poll?.Token is { Length: > 0 } token)
            {
                return await SaveAsync(context, poll, token);
            }

            var message = poll?.Status switch
            {
                "awaiting_approval" => "Approve the sign-in in your browser to continue...",
                "mfa_pending" => "Two-factor authentication required. Complete the challenge in your browser...",
                _ => null,
            };
            if (message is not null && message != shown)
            {
                await context.Error.WriteLineAsync(message);
                shown = message;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new CliException(ExitCodes.WaitTimeout, "login timed out after 10 minutes");
    }

    private static async Task<int> SaveAsync(CommandContext context, LoginPollResult poll, string token)
    {
        var file = context.Settings.ConfigFile;
        file.Set(AnkraConfigFile.TokenKey, token);
        file.Set(AnkraConfigFile.TokenIdKey, poll.TokenId);
        file.Set(AnkraConfigFile.TokenNameKey, poll.TokenName);
        file.Set(AnkraConfigFile.BaseUrlKey, context.Settings.BaseUrl);
        if (context.Settings.CertificateAuthority is { } certificateAuthority)
        {
            file.Set(AnkraConfigFile.CertificateAuthorityKey, certificateAuthority);
        }

        file.Save();
        var expires = poll.ExpiresAt is { } at ? at.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture) : "unknown";
        await context.Out.WriteLineAsync($"""
            Login successful
            Config saved to {file.Path}
            Token name: {poll.TokenName}
            Token expires: {expires}
            """);
        return ExitCodes.Ok;
    }

    /// <summary>A PKCE code verifier: 32 random bytes, base64url (43 characters, RFC 7636).</summary>
    public static string NewVerifier() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The S256 challenge of <paramref name="verifier"/>.</summary>
    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // Best effort: a desktop session opens the address; elsewhere (SSH, CI) the printed address is the way.
    private static void TryOpenBrowser(string url)
    {
        var opener = OperatingSystem.IsMacOS() ? "open"
            : !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")) ? "xdg-open"
            : null;
        if (opener is null)
        {
            return;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(opener) { ArgumentList = { url }, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No opener installed: the address was printed.
        }
    }
}
