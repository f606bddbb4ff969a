using System.Security.Cryptography;
using System.Text;

namespace Ankra.Mesh.Grains;

/// <summary>One CLI browser login: start, approve or deny in the portal, collect once by ticket and PKCE verifier.</summary>
internal sealed class CliLoginGrain(
    [PersistentState("cli-login", MeshStorage.Name)] IPersistentState<CliLoginState> state,
    TimeProvider time) : Grain, ICliLoginGrain
{
    private CliLoginState S => state.State;

    private bool Live => S.Exists && !S.Finished && time.GetUtcNow() < S.ExpiresAt;

    public async Task<Outcome<bool>> StartAsync(string ticketHash, string codeChallenge, string machineName, DateTimeOffset expiresAt)
    {
        if (S.Exists)
        {
            return Outcome<bool>.Fail(ControlPlaneError.Conflict, "Login id already in use");
        }

        S.Exists = true;
        S.TicketHash = ticketHash;
        S.CodeChallenge = codeChallenge;
        S.MachineName = machineName;
        S.StartedAt = time.GetUtcNow();
        S.ExpiresAt = expiresAt;
        await state.WriteStateAsync();
        return Outcome<bool>.Ok(true);
    }

    public Task<CliLoginInfo?> GetAsync() => Task.FromResult(Live && S.ApprovedUserId is null
        ? new CliLoginInfo { MachineName = S.MachineName, StartedAt = S.StartedAt, ExpiresAt = S.ExpiresAt }
        : null);

    public async Task<Outcome<bool>> ApproveAsync(string userId, string email)
    {
        if (!Live || S.ApprovedUserId is not null)
        {
            return Outcome<bool>.Fail(ControlPlaneError.NotFound, "This sign-in request expired or was already answered; run `ankra login` again");
        }

        S.ApprovedUserId = userId;
        S.ApprovedEmail = email;
        await state.WriteStateAsync();
        return Outcome<bool>.Ok(true);
    }

    public async Task<Outcome<bool>> DenyAsync()
    {
        if (!Live || S.ApprovedUserId is not null)
        {
            return Outcome<bool>.Fail(ControlPlaneError.NotFound, "This sign-in request expired or was already answered");
        }

        S.Denied = true;
        await FinishAsync();
        return Outcome<bool>.Ok(true);
    }

    public async Task<CliLoginPoll> PollAsync(string ticketHash, string codeVerifier)
    {
        if (S.Denied)
        {
            return new CliLoginPoll { Status = CliLoginStatus.Denied };
        }

        if (!Live)
        {
            return new CliLoginPoll { Status = CliLoginStatus.Gone };
        }

        if (!SecretHash.Matches(S.TicketHash, ticketHash) || !SecretHash.Matches(S.CodeChallenge, Challenge(codeVerifier)))
        {
            // Whoever holds a ticket but not the verifier (or the reverse) gets no second guess.
            await FinishAsync();
            return new CliLoginPoll { Status = CliLoginStatus.VerifierRefused };
        }

        if (S.ApprovedUserId is null)
        {
            return new CliLoginPoll { Status = CliLoginStatus.AwaitingApproval, MachineName = S.MachineName };
        }

        var approved = new CliLoginPoll { Status = CliLoginStatus.Approved, UserId = S.ApprovedUserId, Email = S.ApprovedEmail ?? string.Empty, MachineName = S.MachineName };
        await FinishAsync();
        return approved;
    }

    /// <summary>The RFC 7636 S256 challenge of a verifier: base64url (no padding) of its SHA-256.</summary>
    public static string Challenge(string codeVerifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier ?? string.Empty)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task FinishAsync()
    {
        S.Finished = true;
        await state.WriteStateAsync();
        DeactivateOnIdle();
    }
}
