using System.Security.Cryptography;
using System.Text;
using Orleans.Serialization;

namespace Ankra.Mesh.Grains;

/// <summary>
/// One CLI browser login: start, approve or deny in the portal, collect once by ticket and PKCE verifier.
/// Changes are written before they take effect (<see cref="CommittedState{T}"/>): an approval whose write
/// failed approves nothing, and a collection whose write failed hands out nothing and can be polled again.
/// </summary>
internal sealed class CliLoginGrain(
    [PersistentState("cli-login", MeshStorage.Name)] IPersistentState<CliLoginState> state,
    DeepCopier copier,
    TimeProvider time) : Grain, ICliLoginGrain
{
    private readonly CommittedState<CliLoginState> _state = new(state, copier);

    private CliLoginState S => _state.Current;

    private bool Live => S.Exists && !S.Finished && time.GetUtcNow() < S.ExpiresAt;

    public async Task<Outcome<bool>> StartAsync(string ticketHash, string codeChallenge, string machineName, DateTimeOffset expiresAt)
    {
        var draft = await _state.EditAsync();
        if (draft.Exists)
        {
            return Outcome<bool>.Fail(ControlPlaneError.Conflict, "Login id already in use");
        }

        draft.Exists = true;
        draft.TicketHash = ticketHash;
        draft.CodeChallenge = codeChallenge;
        draft.MachineName = machineName;
        draft.StartedAt = time.GetUtcNow();
        draft.ExpiresAt = expiresAt;
        await _state.CommitAsync(draft);
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

        var draft = await _state.EditAsync();
        draft.ApprovedUserId = userId;
        draft.ApprovedEmail = email;
        await _state.CommitAsync(draft);
        return Outcome<bool>.Ok(true);
    }

    public async Task<Outcome<bool>> DenyAsync()
    {
        if (!Live || S.ApprovedUserId is not null)
        {
            return Outcome<bool>.Fail(ControlPlaneError.NotFound, "This sign-in request expired or was already answered");
        }

        await FinishAsync(denied: true);
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

    private async Task FinishAsync(bool denied = false)
    {
        var draft = await _state.EditAsync();
        draft.Finished = true;
        draft.Denied |= denied;
        await _state.CommitAsync(draft);
        DeactivateOnIdle();
    }
}
