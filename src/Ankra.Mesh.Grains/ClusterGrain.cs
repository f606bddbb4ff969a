using Ankra.Mesh.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Ankra.Mesh.Grains;

/// <summary>
/// One per cluster. Split by concern: this file holds metadata and persistence helpers;
/// <c>ClusterGrain.Agents.cs</c> registration, check-ins and grant reports; <c>ClusterGrain.Sessions.cs</c>
/// session expiry; <c>ClusterGrain.Grants.cs</c> grants; <c>ClusterGrain.Deletion.cs</c> deletion; <c>ClusterGrain.Authorization.cs</c> the per-request decision.
/// Every change goes through <see cref="CommittedState{T}"/>: it is written first and applied after, so a
/// failed write changes nothing and announces nothing.
/// </summary>
internal sealed partial class ClusterGrain(
    [PersistentState("cluster", MeshStorage.Name)] IPersistentState<ClusterState> state,
    DeepCopier copier,
    IAccessEventPublisher events,
    IOptions<ControlPlaneOptions> options,
    TimeProvider time,
    ILogger<ClusterGrain> logger) : Grain, IClusterGrain
{
    private readonly ControlPlaneOptions _options = options.Value;
    private readonly CommittedState<ClusterState> _state = new(state, copier);

    /// <summary>
    /// Check-ins update <see cref="AgentSessionInfo.LastCheckInAt"/> in memory only (see <c>CheckInAsync</c>), so a
    /// reactivated grain reads older times from storage. Sessions count as seen at activation at the latest,
    /// which gives each stored session a full expiry window to check in again instead of cutting a whole
    /// fleet off after a silo restart.
    /// </summary>
    private readonly DateTimeOffset _activatedAt = time.GetUtcNow();

    /// <summary>The committed state; read it here, change it only through a draft (see <see cref="CommittedState{T}"/>).</summary>
    private ClusterState S => _state.Current;

    private string ClusterId => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    private bool Online => IsOnline(S);

    public async Task<Outcome<ClusterInfo>> CreateAsync(CreateClusterCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var draft = await _state.EditAsync();
        if (draft.Exists || draft.Deleted)
        {
            return Outcome<ClusterInfo>.Fail(ControlPlaneError.Conflict, $"Cluster {ClusterId} already exists");
        }

        draft.Exists = true;
        draft.Name = command.Name;
        draft.Kind = command.Kind;
        draft.OrganisationId = command.OrganisationId;
        draft.CreatedAt = Now;
        draft.AgentTokenHash = command.AgentTokenHash;
        if (command.Kind == AccessVocabulary.KindImported)
        {
            // The creator gets a revocable cluster-admin grant; org admins have no implicit access.
            var grant = NewGrant(draft, new GrantRequest
            {
                UserId = command.CreatorUserId,
                UserEmail = command.CreatorEmail,
                Scope = AccessVocabulary.ScopeCluster,
                Role = "cluster-admin",
            });
            draft.Grants[grant.Id] = grant;
            draft.GrantsVersion++;
        }

        await _state.CommitAsync(draft);
        return Outcome<ClusterInfo>.Ok(Snapshot());
    }

    public Task<ClusterInfo?> GetAsync() => Task.FromResult(S.Exists ? Snapshot() : null);

    public async Task<bool> RotateAgentTokenAsync(string agentTokenHash)
    {
        var draft = await _state.EditAsync();
        if (!draft.Exists)
        {
            return false;
        }

        var cut = draft.Sessions.Count;
        draft.AgentTokenHash = agentTokenHash;
        draft.Sessions.Clear();
        await CommitAndAnnounceAsync(draft);
        GrainsLog.AgentTokenRotated(logger, ClusterId, cut);
        return true;
    }

    private bool IsOnline(ClusterState cluster) => cluster.LastSeenAt is { } seen && Now - seen < _options.OfflineAfter;

    private ClusterInfo Snapshot() => new()
    {
        Id = ClusterId,
        Name = S.Name,
        Kind = S.Kind,
        OrganisationId = S.OrganisationId,
        CreatedAt = S.CreatedAt,
        LastSeenAt = S.LastSeenAt,
        Online = Online,
        AgentVersion = S.AgentVersion,
        KubernetesVersion = S.KubernetesVersion,
        Generation = S.Generation,
        Sessions = [.. LiveSessions(S)],
    };

    /// <summary>
    /// Writes <paramref name="draft"/>, then tells every edge (and the cluster's agents) that decisions may
    /// have changed. Nothing is announced when the write fails: there is nothing to announce.
    /// </summary>
    private async Task CommitAndAnnounceAsync(ClusterState draft)
    {
        await _state.CommitAsync(draft);
        await events.PublishAsync(ClusterId, draft.GrantsVersion);
    }
}
