using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Grains;

/// <summary>Agent sessions: registration with fencing, check-ins, grant status reports.</summary>
internal sealed partial class ClusterGrain
{
    /// <summary>How many past NATS keys a cluster remembers to refuse their reuse (a few per replica restart).</summary>
    internal const int MaxRememberedNatsKeys = 1024;

    public async Task<Outcome<AgentRegistration>> RegisterAgentAsync(
        string agentTokenHash, string replicaId, string agentVersion, string kubernetesVersion, string natsPublicKey)
    {
        ArgumentNullException.ThrowIfNull(natsPublicKey);
        if (!S.Exists || !SecretHash.Matches(S.AgentTokenHash, agentTokenHash))
        {
            return Outcome<AgentRegistration>.Fail(ControlPlaneError.Unauthenticated, "The agent registration token is unknown or was rotated");
        }

        if (!MeshIdentifiers.IsValid(replicaId))
        {
            return Outcome<AgentRegistration>.Fail(ControlPlaneError.Invalid, $"replica_id must be 1-{MeshIdentifiers.MaxLength} characters of [a-z0-9-]");
        }

        // One key pair, one session: a replayed Register (or an agent that kept its key across
        // registrations) must not extend the life of a key that may have leaked with an old session.
        if (natsPublicKey.Length > 0 && (S.UsedNatsKeys.Contains(natsPublicKey) || S.Sessions.Values.Any(s => s.NatsPublicKey == natsPublicKey)))
        {
            return Outcome<AgentRegistration>.Fail(ControlPlaneError.Invalid,
                "nats_public_key was already used by an earlier registration; generate a new key pair for every registration");
        }

        // A replica has one live session: registering again fences the older one, whose frames and
        // check-ins are then refused. Other replicas of the cluster keep theirs.
        S.Sessions.TryGetValue(replicaId, out var fenced);
        if (natsPublicKey.Length > 0)
        {
            S.UsedNatsKeys.Add(natsPublicKey);
            if (S.UsedNatsKeys.Count > MaxRememberedNatsKeys)
            {
                S.UsedNatsKeys.RemoveRange(0, S.UsedNatsKeys.Count - MaxRememberedNatsKeys);
            }
        }

        var session = new AgentSessionInfo
        {
            SessionId = MeshIdentifiers.NewId(),
            ReplicaId = replicaId,
            ConnectedAt = Now,
            LastCheckInAt = Now,
            AgentVersion = agentVersion,
            NatsPublicKey = natsPublicKey,
        };
        S.Sessions[replicaId] = session;
        S.LastSeenAt = Now;
        S.AgentVersion = agentVersion;
        S.KubernetesVersion = string.IsNullOrEmpty(kubernetesVersion) ? S.KubernetesVersion : kubernetesVersion;
        await state.WriteStateAsync();
        GrainsLog.AgentRegistered(logger, ClusterId, replicaId, session.SessionId, fenced?.SessionId);
        return Outcome<AgentRegistration>.Ok(new AgentRegistration
        {
            SessionId = session.SessionId,
            Subject = MeshSubjects.Agent(ClusterId),
            QueueGroup = MeshSubjects.AgentQueueGroup(ClusterId),
            CheckInInterval = _options.CheckInInterval,
        });
    }

    public async Task<Outcome<DesiredGrants>> CheckInAsync(string agentTokenHash, string sessionId, string replicaId, uint openStreams)
    {
        var refusal = CheckSession<DesiredGrants>(agentTokenHash, sessionId, replicaId);
        if (refusal is not null)
        {
            return refusal;
        }

        var wasOffline = !Online;
        S.Sessions[replicaId] = new AgentSessionInfo
        {
            SessionId = sessionId,
            ReplicaId = replicaId,
            ConnectedAt = S.Sessions[replicaId].ConnectedAt,
            LastCheckInAt = Now,
            AgentVersion = S.Sessions[replicaId].AgentVersion,
            OpenStreams = openStreams,
            NatsPublicKey = S.Sessions[replicaId].NatsPublicKey,
        };
        S.LastSeenAt = Now;

        // Liveness is kept in memory between check-ins and written only when it matters (coming
        // back online), so a fleet of agents does not turn into a write per check-in.
        if (wasOffline)
        {
            await SaveAndAnnounceAsync();
        }

        return Outcome<DesiredGrants>.Ok(new DesiredGrants { Version = S.GrantsVersion, Grants = [.. S.Grants.Values] });
    }

    public async Task<Outcome<int>> ReportGrantStatusAsync(string agentTokenHash, string sessionId, string replicaId, IReadOnlyList<GrantReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var refusal = CheckSession<int>(agentTokenHash, sessionId, replicaId);
        if (refusal is not null)
        {
            return refusal;
        }

        var accepted = 0;
        foreach (var report in reports)
        {
            // Reports about grants that were deleted meanwhile are stale: skip them.
            if (S.Grants.TryGetValue(report.GrantId, out var grant))
            {
                S.Grants[grant.Id] = grant.WithStatus(
                    report.Applied ? AccessVocabulary.StatusApplied : AccessVocabulary.StatusFailed,
                    report.Applied ? null : report.Error ?? "unknown error",
                    report.ReconciledAt);
                accepted++;
            }
        }

        if (accepted > 0)
        {
            await state.WriteStateAsync();
        }

        return Outcome<int>.Ok(accepted);
    }

    public Task<Outcome<string>> NatsKeyOfSessionAsync(string agentTokenHash, string sessionId, string replicaId)
    {
        var refusal = CheckSession<string>(agentTokenHash, sessionId, replicaId);
        if (refusal is not null)
        {
            return Task.FromResult(refusal);
        }

        var key = S.Sessions[replicaId].NatsPublicKey;
        return Task.FromResult(key.Length > 0
            ? Outcome<string>.Ok(key)
            : Outcome<string>.Fail(ControlPlaneError.Fenced, "This session registered without a NATS key; register again to get a NATS credential"));
    }

    public Task<bool> IsSessionCurrentAsync(string sessionId) =>
        Task.FromResult(S.Sessions.Values.Any(s => s.SessionId == sessionId));

    private Outcome<T>? CheckSession<T>(string agentTokenHash, string sessionId, string replicaId)
    {
        if (!S.Exists || !SecretHash.Matches(S.AgentTokenHash, agentTokenHash))
        {
            return Outcome<T>.Fail(ControlPlaneError.Unauthenticated, "The agent registration token is unknown or was rotated");
        }

        return S.Sessions.TryGetValue(replicaId, out var current) && current.SessionId == sessionId
            ? null
            : Outcome<T>.Fail(ControlPlaneError.Fenced, "This agent session was superseded or expired; register again");
    }
}
