using Ankra.Mesh.Demo.Stack;
using Microsoft.Playwright;

namespace Ankra.Mesh.Portal.Tests;

/// <summary>
/// One stack with the development identity provider, and one headless chromium (Debian's package, launched by path:
/// browser downloads are not available here). Every process is stopped by id when the class is done.
/// </summary>
public class PortalStackFixture : IAsyncLifetime
{
    /// <summary>How long a CLI login request lives here: long enough for a browser sign-in on a loaded machine, short enough to wait out.</summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromSeconds(45);

    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("mesh-portal-").FullName;
    private IPlaywright? _playwright;

    public MeshStack Stack { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string Directory => _directory;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run `./mesh deps` (it installs Debian's chromium).");
        }

        Stack = await MeshStack.StartAsync(new MeshStackOptions
        {
            Directory = Path.Combine(_directory, "stack"),
            IdentityProvider = true,
            EdgeSettings = new Dictionary<string, string> { ["Mesh:CliLogin:TicketLifetime"] = TicketLifetime.ToString() },
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Tests run as root, where chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        System.IO.Directory.Delete(_directory, recursive: true);
    }
}
