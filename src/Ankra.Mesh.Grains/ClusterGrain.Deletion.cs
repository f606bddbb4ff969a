using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Grains;

/// <summary>Deleting a cluster, and the registration-token check that authorizes its install manifests.</summary>
internal sealed partial class ClusterGrain
{
    public async Task<bool> DeleteAsync()
    {
        var draft = await _state.EditAsync();
        if (!draft.Exists)
        {
            return false;
        }

        // One write takes everything away at once: the grants (the agent would remove their bindings if it could
        // still check in), every kube token (generation), the registration token (no Register, CheckIn or NATS
        // credential renewal matches an empty hash) and every session (edges route to none). The tombstone stays,
        // so the id answers "not found" everywhere and is never created again.
        var (grants, sessions) = (draft.Grants.Count, draft.Sessions.Count);
        draft.Exists = false;
        draft.Deleted = true;
        draft.Grants.Clear();
        draft.RoleChangedAtVersion.Clear();
        draft.GrantsVersion++;
        draft.Generation++;
        draft.AgentTokenHash = string.Empty;
        draft.Sessions.Clear();
        draft.UsedNatsKeys.Clear();

        // The announcement makes edges drop cached decisions and cut live requests at once, and makes the agent
        // check in at once, where its session is refused: it stops serving this cluster.
        await CommitAndAnnounceAsync(draft);
        GrainsLog.ClusterDeleted(logger, ClusterId, grants, sessions);
        return true;
    }

    public Task<bool> IsRegistrationTokenAsync(string agentTokenHash) =>
        Task.FromResult(S.Exists && S.AgentTokenHash.Length > 0 && SecretHash.Matches(S.AgentTokenHash, agentTokenHash));
}
