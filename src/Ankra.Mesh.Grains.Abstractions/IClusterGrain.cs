using Orleans.Concurrency;

namespace Ankra.Mesh.Grains;

/// <summary>
/// The single authority over one cluster (key: cluster id): metadata, agent token, agent sessions,
/// liveness, grants and their reconcile status, the revoke-all generation, and authorization.
/// Every change of who may do what is announced on <see cref="Ankra.Mesh.Contracts.Subjects.MeshSubjects.AccessChanged"/>.
/// </summary>
[Alias("ankra.mesh.IClusterGrain")]
public interface IClusterGrain : IGrainWithStringKey
{
    /// <summary>Creates the cluster; Conflict when it exists.</summary>
    [Alias("Create")]
    Task<Outcome<ClusterInfo>> CreateAsync(CreateClusterCommand command);

    /// <summary>The cluster, or null when it does not exist.</summary>
    [Alias("Get")]
    [ReadOnly]
    Task<ClusterInfo?> GetAsync();

    /// <summary>Replaces the agent token hash; the old token and every session stop working.</summary>
    [Alias("RotateAgentToken")]
    Task<bool> RotateAgentTokenAsync(string agentTokenHash);

    /// <summary>
    /// Issues a session to an agent replica; fences that replica's older session and removes expired ones
    /// (<c>Mesh:ControlPlane:SessionExpiry</c>, at most <c>MaxSessionsPerCluster</c>). <paramref name="natsPublicKey"/>
    /// (validated by the caller; empty when no NATS credential is issued) is refused as Invalid when an
    /// earlier registration of the cluster used it; nothing is stored then.
    /// </summary>
    [Alias("RegisterAgent")]
    Task<Outcome<AgentRegistration>> RegisterAgentAsync(string agentTokenHash, string replicaId, string agentVersion, string kubernetesVersion, string natsPublicKey);

    /// <summary>The NATS public key of a live session, for renewing its credential (same refusals as check-in).</summary>
    [Alias("NatsKeyOfSession")]
    [ReadOnly]
    Task<Outcome<string>> NatsKeyOfSessionAsync(string agentTokenHash, string sessionId, string replicaId);

    /// <summary>
    /// Liveness of a session; returns the desired grant set. Writes nothing unless the cluster comes back
    /// online or expired sessions are removed. A superseded or expired session is Fenced (register again).
    /// </summary>
    [Alias("CheckIn")]
    Task<Outcome<DesiredGrants>> CheckInAsync(string agentTokenHash, string sessionId, string replicaId, uint openStreams);

    /// <summary>Records reconcile results (written only when a status or error changes); returns how many were about known grants.</summary>
    [Alias("ReportGrantStatus")]
    Task<Outcome<int>> ReportGrantStatusAsync(string agentTokenHash, string sessionId, string replicaId, IReadOnlyList<GrantReport> reports);

    /// <summary>All grants with their (display) reconcile status.</summary>
    [Alias("ListGrants")]
    [ReadOnly]
    Task<IReadOnlyList<GrantInfo>> ListGrantsAsync();

    /// <summary>
    /// Adds a grant. The same user, scope and namespace again with the same role is a retry and returns the
    /// existing grant as <see cref="Outcome{T}.Unchanged"/>; with another role it is a Conflict. Invalid on a
    /// sandbox cluster. Throws (storage unavailable) only when nothing was changed.
    /// </summary>
    [Alias("CreateGrant")]
    Task<Outcome<GrantInfo>> CreateGrantAsync(GrantRequest request);

    /// <summary>Removes a grant; false when unknown. Throws only when nothing was changed, so a retry deletes it.</summary>
    [Alias("DeleteGrant")]
    Task<bool> DeleteGrantAsync(string grantId);

    /// <summary>Removes every grant of one user (member removed from the organisation).</summary>
    [Alias("RevokeUser")]
    Task<int> RevokeUserAsync(string userId);

    /// <summary>
    /// Makes every grant of <paramref name="userId"/> name <paramref name="email"/> (their email changed); returns how
    /// many changed. Announced like any access change, so edges re-decide and agents rebind at once.
    /// </summary>
    [Alias("ChangeUserEmail")]
    Task<int> ChangeUserEmailAsync(string userId, string email);

    /// <summary>Removes every grant and bumps the generation, so every minted token stops working.</summary>
    [Alias("RevokeAll")]
    Task<int> RevokeAllAsync();

    /// <summary>The authorization decision for a user whose token carries <paramref name="tokenGeneration"/>.</summary>
    [Alias("Authorize")]
    [ReadOnly]
    Task<AccessDecision> AuthorizeAsync(string userId, long tokenGeneration);

    /// <summary>
    /// Deletes the cluster: removes every grant, bumps the generation (every kube token dies), invalidates the
    /// registration token and fences every agent session, then announces the change. False when the cluster
    /// does not exist (or was deleted already). The id is never served again; a cluster of the same name is a new id.
    /// </summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();

    /// <summary>
    /// Changes a grant's role (and so its binding): the grant goes back to <c>pending</c> until the agent has
    /// applied the new binding. The same role again is <see cref="Outcome{T}.Unchanged"/>; NotFound for an unknown grant.
    /// </summary>
    [Alias("ChangeGrantRole")]
    Task<Outcome<GrantInfo>> ChangeGrantRoleAsync(string grantId, string role);

    /// <summary>True when <paramref name="agentTokenHash"/> is the cluster's current registration token (constant-time compare).</summary>
    [Alias("IsRegistrationToken")]
    [ReadOnly]
    Task<bool> IsRegistrationTokenAsync(string agentTokenHash);
}
