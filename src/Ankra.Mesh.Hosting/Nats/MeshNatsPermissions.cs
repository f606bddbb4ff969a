using Ankra.Mesh.Grains;
using Ankra.Mesh.NatsAuth;

namespace Ankra.Mesh.Hosting;

/// <summary>
/// The NATS permissions of each kind of participant, over the subject layout of <see cref="MeshSubjects"/>
/// and the tunnel (<c>{root}.c.{cluster}.open</c>, <c>.s.{session}.open|in</c>, <c>.e.{edge}</c>, and each
/// frame subject's bulk lane <c>.b</c>). <c>deploy/nats/</c> documents the same sets.
/// </summary>
public static class MeshNatsPermissions
{
    private const string Clusters = MeshSubjects.AgentPrefix + ".*";

    /// <summary>
    /// An agent: its own cluster's subjects and access events, and one reply to each open it receives —
    /// nothing of another cluster, no other inbox (its NATS client's inbox is <c>mesh.c.{cluster}._INBOX</c>).
    /// </summary>
    public static NatsPermissions Agent(string clusterId)
    {
        var own = MeshSubjects.Agent(clusterId) + ".>";
        return new NatsPermissions([own], [own, MeshSubjects.AccessChanged(clusterId)], AllowResponses: true);
    }

    /// <summary>
    /// An edge: opens streams to every cluster and sends their frames, receives the frames addressed to
    /// edges and the open replies on its own inbox (<paramref name="inboxPrefix"/>), hears access events;
    /// when it hosts the grains itself (embedded Orleans) it also announces them.
    /// </summary>
    public static NatsPermissions Edge(bool hostsGrains, string inboxPrefix)
    {
        List<string> publish = [$"{Clusters}.open", $"{Clusters}.s.*.open", $"{Clusters}.s.*.in", $"{Clusters}.s.*.in.b"];
        if (hostsGrains)
        {
            publish.Add(MeshSubjects.AllAccessEvents);
        }

        return new NatsPermissions(publish, [$"{Clusters}.e.*", $"{Clusters}.e.*.b", MeshSubjects.AllAccessEvents, $"{inboxPrefix}.>"], AllowResponses: false);
    }

    /// <summary>A silo: announces access changes; subscribes only the inbox the client opens on connect.</summary>
    public static NatsPermissions Silo(string inboxPrefix) => new([MeshSubjects.AllAccessEvents], [$"{inboxPrefix}.>"], AllowResponses: false);
}
