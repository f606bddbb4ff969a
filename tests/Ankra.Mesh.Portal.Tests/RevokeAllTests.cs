using Ankra.Mesh.Demo.Stack;
using Microsoft.Playwright;

namespace Ankra.Mesh.Portal.Tests;

/// <summary>Revoke all from the portal cuts running kubectl. A stack of its own: afterwards nobody has access to its cluster.</summary>
public sealed class RevokeAllTests(PortalStackFixture fixture) : IClassFixture<PortalStackFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>The design's revocation bound is 1 s; the test allows for a loaded machine without asserting a wall-clock figure.</summary>
    private static readonly TimeSpan CutDeadline = TimeSpan.FromSeconds(30);

    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task RevokeAll_ConfirmedInPortal_EndsRunningWatch_AndKubectlIsRefused()
    {
        await using var watch = _stack.StartKubectl("1.33", "get", "pods", "-w");
        await watch.WaitForLineAsync(line => line.StartsWith("web-0", StringComparison.Ordinal), Deadline);

        await using var admin = await PortalSession.SignInAsync(fixture.Browser, _stack, "admin@demo.local");
        await admin.Page.GotoAsync($"{_stack.PortalUrl}/clusters/{_stack.ClusterId}");
        await admin.Page.ClickAsync("#revoke-all");
        await Assertions.Expect(admin.Page.Locator("h1")).ToContainTextAsync("Revoke all access to demo?");
        Assert.True(watch.IsRunning, "the confirmation page alone must change nothing");
        await admin.Page.ClickAsync("#confirm-revoke-all");
        await Assertions.Expect(admin.Page.Locator("#revoked")).ToContainTextAsync("grant(s) removed");

        await watch.Exited.WaitAsync(CutDeadline);
        var refused = await _stack.KubectlAsync("1.33", "get", "pods");
        await admin.Page.GotoAsync($"{_stack.PortalUrl}/clusters/{_stack.ClusterId}");

        Assert.NotEqual(0, refused.ExitCode);
        await Assertions.Expect(admin.Page.Locator("#grants tbody tr")).ToHaveCountAsync(0);
    }
}
