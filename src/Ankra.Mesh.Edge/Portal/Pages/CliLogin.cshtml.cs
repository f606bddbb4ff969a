using Ankra.Mesh.Grains;
using Microsoft.AspNetCore.Mvc;

namespace Ankra.Mesh.Edge.Portal.Pages;

/// <summary>
/// Where <c>ankra login</c>'s <c>auth_url</c> leads: after single sign-on, the person approves (or denies) the
/// sign-in of the named machine. The page knows only the login's <c>state</c>; the CLI's ticket and verifier never
/// reach the browser, so approving here hands nothing to whoever else sees this URL.
/// </summary>
internal sealed class CliLoginModel(IGrainFactory grains, ILogger<CliLoginModel> logger) : PortalPageModel
{
    internal CliLoginInfo? Login { get; private set; }

    public string State { get; private set; } = string.Empty;

    public string? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? state) => await LoadAsync(state) ?? Page();

    public async Task<IActionResult> OnPostAsync(string? state, string? decision)
    {
        if (await LoadAsync(state) is { } refused)
        {
            return refused;
        }

        var grain = grains.GetGrain<ICliLoginGrain>(State);
        var email = Caller!.User.Email;
        if (decision == "approve")
        {
            var approved = await grain.ApproveAsync(Caller.UserId, email);
            if (!approved.Succeeded)
            {
                return Refuse(StatusCodes.Status410Gone, "Sign-in request expired", approved.Message);
            }

            EdgeLog.CliLoginApproved(logger, State, email);
            Outcome = "Sign-in approved";
        }
        else
        {
            await grain.DenyAsync();
            EdgeLog.CliLoginDenied(logger, State, email);
            Outcome = "Sign-in denied";
        }

        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string? state)
    {
        if (!await SignedInAsync())
        {
            return SignInFirst();
        }

        if (state is null || !MeshIdentifiers.IsValid(state) || await grains.GetGrain<ICliLoginGrain>(state).GetAsync() is not { } login)
        {
            return Refuse(StatusCodes.Status410Gone, "Sign-in request expired",
                "This CLI sign-in request is unknown, expired or already answered. Run `ankra login` again.");
        }

        (State, Login) = (state, login);
        return null;
    }
}
