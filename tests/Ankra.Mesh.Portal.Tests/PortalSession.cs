using Ankra.Mesh.Demo.Stack;
using Microsoft.Playwright;

namespace Ankra.Mesh.Portal.Tests;

/// <summary>One person's browser (its own cookies) signed in to the portal through the development identity provider.</summary>
public sealed class PortalSession : IAsyncDisposable
{
    /// <summary>Generous: pages render on a machine that is busy building and testing.</summary>
    public static readonly float Timeout = 60_000;

    private static readonly TimeSpan SignInReturn = TimeSpan.FromMinutes(3);

    private PortalSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>
    /// Opens a fresh browser context, goes to <paramref name="url"/> (the portal by default, where "Sign in" leads on; any other
    /// portal page sends the browser to sign in by itself) and signs in as <paramref name="email"/>; returns once back there.
    /// </summary>
    public static async Task<PortalSession> SignInAsync(IBrowser browser, MeshStack stack, string email, string? url = null, string backAt = "**/portal")
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(stack);
        // The stack's certificates come from a throwaway CA this browser does not know.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true, AcceptDownloads = true });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url ?? stack.PortalUrl);
        if (url is null)
        {
            await page.ClickAsync("#sign-in");
        }

        await page.ClickAsync("#sign-in-sso");
        await page.FillAsync("input[name=devidp_email]", email);
        await page.FillAsync("input[name=devidp_password]", DemoUser.DemoPassword);
        await page.ClickAsync("button[type=submit]");
        // The way back crosses the IdP, the edge's OIDC back channel (discovery, token exchange) and a page render; the
        // first sign-in of a run pays for all of them cold, which took over a minute once on a loaded CI machine.
        await page.WaitForURLAsync(backAt, new PageWaitForURLOptions { Timeout = (float)SignInReturn.TotalMilliseconds });
        return new PortalSession(context, page);
    }

    /// <summary>Runs <c>fetch</c> inside the page (same origin, the session cookie rides along); returns the status code.</summary>
    public Task<int> FetchStatusAsync(string method, string path, string? jsonBody = null, bool withCsrfHeader = true) =>
        Page.EvaluateAsync<int>("""
            async ([method, path, body, csrf]) => {
                const headers = { 'Content-Type': 'application/json' };
                if (csrf) headers['X-CSRF-Token'] = document.querySelector('meta[name="csrf-token"]').content;
                const response = await fetch(path, { method, headers, body: body ?? undefined, credentials: 'same-origin' });
                return response.status;
            }
            """, new object?[] { method, path, jsonBody, withCsrfHeader });

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
