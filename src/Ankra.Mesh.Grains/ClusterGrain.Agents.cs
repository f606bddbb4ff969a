using Ankra.Mesh.Contracts.Subjects;
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
        var draft = await _state.EditAsync();
        if (!draft.Exists || !SecretHash.Matches(draft.AgentTokenHash, agentTokenHash))
        {
            return Outcome<AgentRegistration>.Fail(ControlPlaneError.Unauthenticated, "The agent registration token is unknown or was rotated");
        }

        if (!MeshIdentifiers.IsValid(replicaId))
        {
            return Outcome<AgentRegistration>.Fail(ControlPlaneError.Invalid, $"replica_id must be 1-{MeshIdentifiers.MaxLength} characters of [a-z0-9-]");
        }

        // One key pair, one session: a replayed Register (or an agent that kept its key across
        // registrations) must not extend the life of a key that may have leaked with an old session.
        if (natsPublicKey.Length > 0 && (draft.UsedNatsKeys.Contains(natsPublicKey) || draft.Sessions.Values.Any(s => s.NatsPublicKey == natsPublicKey)))
        {
            return Outcome<AgentRegistration>.Fail(ControlPlaneError.Invalid,
                "nats_public_key was already used by an earlier registration; generate a new key pair for every registration");
        }

        // A replica has one live session: registering again fences the older one, whose frames and
        // check-ins are then refused. Other replicas of the cluster keep theirs.
        draft.Sessions.TryGetValue(replicaId, out var fenced);
        if (natsPublicKey.Length > 0)
        {
            draft.UsedNatsKeys.Add(natsPublicKey);
            if (draft.UsedNatsKeys.Count > MaxRememberedNatsKeys)
            {
                draft.UsedNatsKeys.RemoveRange(0, draft.UsedNatsKeys.Count - MaxRememberedNatsKeys);
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
        draft.Sessions[replicaId] = session;
        var pruned = PruneSessions(draft, keepReplicaId: replicaId);
        draft.LastSeenAt = Now;
        draft.AgentVersion = agentVersion;
        draft.KubernetesVersion = string.IsNullOrEmpty(kubernetesVersion) ? draft.KubernetesVersion : kubernetesVersion;
        await _state.CommitAsync(draft);
        GrainsLog.AgentRegistered(logger, ClusterId, replicaId, session.SessionId, fenced?.SessionId, pruned);
        return Outcome<AgentRegistration>.Ok(new AgentRegistration
        {
            SessionId = session.SessionId,
            Subject = MeshSubjects.ClusterPrefix(ClusterId),
            QueueGroup = MeshSubjects.AgentQueueGroup(ClusterId),
            CheckInInterval = _options.CheckInInterval,
        });
    }

    public async Task<Outcome<DesiredGrants>> CheckInAsync(string agentTokenHash, string sessionId, string replicaId, uint openStreams)
    {
        var refusal = CheckSession<DesiredGrants>(S, agentTokenHash, sessionId, replicaId);
        if (refusal is not null)
        {
            return refusal;
        }

        // Liveness is soft state: kept in memory between check-ins and written only when the state changes
        // in a way that matters (the cluster comes back online, or expired sessions leave), so a fleet of
        // agents does not turn into a write per check-in.
        if (Online && !HasExpiredSessions(S))
        {
            RecordCheckIn(S, sessionId, replicaId, openStreams);
        }
        else
        {
            try
            {
                var draft = await _state.EditAsync();
                refusal = CheckSession<DesiredGrants>(draft, agentTokenHash, sessionId, replicaId);
                if (refusal is not null)
                {
                    return refusal;
                }

                RecordCheckIn(draft, sessionId, replicaId, openStreams);
                PruneSessions(draft, keepReplicaId: replicaId);
                await CommitAndAnnounceAsync(draft);
            }
            catch (Exception exception) when (exception is not OperationCanceledException && CheckSession<DesiredGrants>(S, agentTokenHash, sessionId, replicaId) is null)
            {
                // This write is bookkeeping, not the agent's request: a live agent stays live (and gets its
                // grants) while storage is down, and the write is tried again at the next check-in.
                GrainsLog.CheckInNotWritten(logger, ClusterId, exception);
                RecordCheckIn(S, sessionId, replicaId, openStreams);
            }
        }

        return Outcome<DesiredGrants>.Ok(new DesiredGrants { Version = S.GrantsVersion, Grants = [.. S.Grants.Values] });
    }

    public Task<Outcome<string>> NatsKeyOfSessionAsync(string agentTokenHash, string sessionId, string replicaId)
    {
        var refusal = CheckSession<string>(S, agentTokenHash, sessionId, replicaId);
        if (refusal is not null)
        {
            return Task.FromResult(refusal);
        }

        var key = S.Sessions[replicaId].NatsPublicKey;
        return Task.FromResult(key.Length > 0
            ? Outcome<string>.Ok(key)
            : Outcome<string>.Fail(ControlPlaneError.Fenced, "This session registered without a NATS key; register again to get a NATS credential"));
    }

    private void RecordCheckIn(ClusterState cluster, string sessionId, string replicaId, uint openStreams)
    {
        var current = cluster.Sessions[replicaId];
        cluster.Sessions[replicaId] = new AgentSessionInfo
        {
            SessionId = sessionId,
            ReplicaId = replicaId,
            ConnectedAt = current.ConnectedAt,
            LastCheckInAt = Now,
            AgentVersion = current.AgentVersion,
            OpenStreams = openStreams,
            NatsPublicKey = current.NatsPublicKey,
        };
        cluster.LastSeenAt = Now;
    }

    private Outcome<T>? CheckSession<T>(ClusterState cluster, string agentTokenHash, string sessionId, string replicaId)
    {
        if (!cluster.Exists || !SecretHash.Matches(cluster.AgentTokenHash, agentTokenHash))
        {
            return Outcome<T>.Fail(ControlPlaneError.Unauthenticated, "The agent registration token is unknown or was rotated");
        }

        if (!cluster.Sessions.TryGetValue(replicaId, out var current) || current.SessionId != sessionId)
        {
            return Outcome<T>.Fail(ControlPlaneError.Fenced, "This agent session was superseded or expired; register again");
        }

        return IsExpired(current)
            ? Outcome<T>.Fail(ControlPlaneError.Fenced, $"This agent session expired: it did not check in for {_options.SessionExpiry}; register again")
            : null;
    }
}
