using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.NatsAuth;

namespace Ankra.Mesh.Hosting;

/// <summary>
/// The NATS permissions of each kind of participant, over the subject layout of <see cref="MeshSubjects"/>
/// (wildcards from <see cref="MeshSubjectWildcards"/>, so a permission cannot drift from the subjects the
/// processes use). <c>deploy/nats/</c> documents the same sets.
/// </summary>
public static class MeshNatsPermissions
{
    /// <summary>
    /// An agent: its own cluster's subjects and access events, and one reply to each open it receives —
    /// nothing of another cluster, no other inbox (its NATS client's inbox is <see cref="MeshSubjects.AgentInbox"/>).
    /// </summary>
    public static NatsPermissions Agent(string clusterId)
    {
        var own = MeshSubjectWildcards.OwnCluster(clusterId);
        return new NatsPermissions([own], [own, MeshSubjects.AccessChanged(clusterId)], AllowResponses: true);
    }

    /// <summary>
    /// An edge: opens streams to every cluster and sends their frames, receives the frames addressed to
    /// edges and the open replies on its own inbox (<paramref name="inboxPrefix"/>), hears access events;
    /// when it hosts the grains itself (embedded Orleans) it also announces them.
    /// </summary>
    public static NatsPermissions Edge(bool hostsGrains, string inboxPrefix)
    {
        List<string> publish =
        [
            MeshSubjectWildcards.SharedOpens,
            MeshSubjectWildcards.SessionOpens,
            MeshSubjectWildcards.SessionInbounds,
            MeshSubjects.BulkLane(MeshSubjectWildcards.SessionInbounds),
        ];
        if (hostsGrains)
        {
            publish.Add(MeshSubjects.AllAccessEvents);
        }

        List<string> subscribe =
        [
            MeshSubjectWildcards.EdgeInbounds,
            MeshSubjects.BulkLane(MeshSubjectWildcards.EdgeInbounds),
            MeshSubjects.AllAccessEvents,
            $"{inboxPrefix}.>",
        ];
        return new NatsPermissions(publish, subscribe, AllowResponses: false);
    }

    /// <summary>A silo: announces access changes; subscribes only the inbox the client opens on connect.</summary>
    public static NatsPermissions Silo(string inboxPrefix) => new([MeshSubjects.AllAccessEvents], [$"{inboxPrefix}.>"], AllowResponses: false);
}
