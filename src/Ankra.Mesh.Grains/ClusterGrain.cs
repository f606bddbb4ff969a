using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Grains;

/// <summary>
/// One per cluster. Split by concern: this file holds metadata and persistence helpers;
/// <c>ClusterGrain.Agents.cs</c> sessions and check-ins; <c>ClusterGrain.Grants.cs</c> grants;
/// <c>ClusterGrain.Authorization.cs</c> the per-request decision.
/// </summary>
internal sealed partial class ClusterGrain(
    [PersistentState("cluster", MeshStorage.Name)] IPersistentState<ClusterState> state,
    IAccessEventPublisher events,
    IOptions<ControlPlaneOptions> options,
    TimeProvider time,
    ILogger<ClusterGrain> logger) : Grain, IClusterGrain
{
    private readonly ControlPlaneOptions _options = options.Value;

    private ClusterState S => state.State;

    private string ClusterId => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    private bool Online => S.LastSeenAt is { } seen && Now - seen < _options.OfflineAfter;

    public async Task<Outcome<ClusterInfo>> CreateAsync(CreateClusterCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (S.Exists)
        {
            return Outcome<ClusterInfo>.Fail(ControlPlaneError.Conflict, $"Cluster {ClusterId} already exists");
        }

        S.Exists = true;
        S.Name = command.Name;
        S.Kind = command.Kind;
        S.OrganisationId = command.OrganisationId;
        S.CreatedAt = Now;
        S.AgentTokenHash = command.AgentTokenHash;
        if (command.Kind == AccessVocabulary.KindImported)
        {
            // The creator gets a revocable cluster-admin grant; org admins have no implicit access.
            var grant = NewGrant(new GrantRequest
            {
                UserId = command.CreatorUserId,
                UserEmail = command.CreatorEmail,
                Scope = AccessVocabulary.ScopeCluster,
                Role = "cluster-admin",
            });
            S.Grants[grant.Id] = grant;
            S.GrantsVersion++;
        }

        await state.WriteStateAsync();
        return Outcome<ClusterInfo>.Ok(Snapshot());
    }

    public Task<ClusterInfo?> GetAsync() => Task.FromResult(S.Exists ? Snapshot() : null);

    public async Task<bool> RotateAgentTokenAsync(string agentTokenHash)
    {
        if (!S.Exists)
        {
            return false;
        }

        var cut = S.Sessions.Count;
        S.AgentTokenHash = agentTokenHash;
        S.Sessions.Clear();
        await state.WriteStateAsync();
        GrainsLog.AgentTokenRotated(logger, ClusterId, cut);
        await events.PublishAsync(ClusterId, S.GrantsVersion);
        return true;
    }

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
        Sessions = [.. S.Sessions.Values],
    };

    /// <summary>Persists, then tells every edge that decisions may have changed.</summary>
    private async Task SaveAndAnnounceAsync()
    {
        await state.WriteStateAsync();
        await events.PublishAsync(ClusterId, S.GrantsVersion);
    }
}
