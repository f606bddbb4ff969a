using Ankra.Mesh.Contracts.Subjects;

namespace Ankra.Mesh.Contracts.Tests.Subjects;

/// <summary>
/// The subject layout every process builds from: the documented shapes, ids that cannot inject tokens, and
/// permission wildcards that match exactly the subjects the processes use.
/// </summary>
public sealed class MeshSubjectsTests
{
    private static readonly string Prefix = MeshSubjects.ClusterPrefix("cluster-1");

    [Fact]
    public void Builders_ValidIdentifiers_FollowTheDocumentedLayout()
    {
        Assert.Equal("mesh.c.cluster-1", Prefix);
        Assert.Equal("mesh-agent-cluster-1", MeshSubjects.AgentQueueGroup("cluster-1"));
        Assert.Equal("mesh.c.cluster-1.open", MeshSubjects.SharedOpen(Prefix));
        Assert.Equal("mesh.c.cluster-1.s.s-1.open", MeshSubjects.SessionOpen(Prefix, "s-1"));
        Assert.Equal("mesh.c.cluster-1.s.s-1.in", MeshSubjects.SessionInbound(Prefix, "s-1"));
        Assert.Equal("mesh.c.cluster-1.e.edge-1", MeshSubjects.EdgeInbound(Prefix, "edge-1"));
        Assert.Equal("mesh.c.*.e.edge-1", MeshSubjects.EdgeInboundWildcard("edge-1"));
        Assert.Equal("mesh.c.cluster-1._INBOX", MeshSubjects.AgentInbox(Prefix));
        Assert.Equal("mesh.c.cluster-1.e.edge-1.b", MeshSubjects.BulkLane(MeshSubjects.EdgeInbound(Prefix, "edge-1")));
        Assert.Equal("mesh.events.access.cluster-1", MeshSubjects.AccessChanged("cluster-1"));
        Assert.Equal("mesh.events.access.*", MeshSubjects.AllAccessEvents);
    }

    [Theory]
    [InlineData("c.1")]
    [InlineData(">")]
    [InlineData("*")]
    [InlineData("")]
    public void Builders_UnsafeIdentifier_Throw(string id)
    {
        Assert.Throws<ArgumentException>(() => MeshSubjects.ClusterPrefix(id));
        Assert.Throws<ArgumentException>(() => MeshSubjects.AgentQueueGroup(id));
        Assert.Throws<ArgumentException>(() => MeshSubjects.AccessChanged(id));
        Assert.Throws<ArgumentException>(() => MeshSubjects.SessionOpen(Prefix, id));
        Assert.Throws<ArgumentException>(() => MeshSubjects.SessionInbound(Prefix, id));
        Assert.Throws<ArgumentException>(() => MeshSubjects.EdgeInbound(Prefix, id));
        Assert.Throws<ArgumentException>(() => MeshSubjects.EdgeInboundWildcard(id));
        Assert.Throws<ArgumentException>(() => MeshSubjectWildcards.OwnCluster(id));
    }

    [Theory]
    [InlineData("mesh.c.cluster-1.s.s-1.in", true)]
    [InlineData("mesh.c.cluster-2.s.s-1.in", false)]
    [InlineData("mesh.c.cluster-1.s.a.b.in", false)]
    [InlineData("mesh.c.cluster-1.s..in", false)]
    [InlineData("mesh.c.cluster-1.s.s-1.open", false)]
    public void IsSessionInbound_Subject_OnlyThisClustersSessions(string subject, bool expected) =>
        Assert.Equal(expected, MeshSubjects.IsSessionInbound(Prefix, subject));

    [Theory]
    [InlineData("mesh.c.cluster-1.e.edge-1", "edge-1")]
    [InlineData("mesh.c.cluster-2.e.edge-1", null)]
    [InlineData("mesh.c.cluster-1.e.edge-1.b", null)]
    [InlineData("mesh.c.cluster-1.e.", null)]
    [InlineData("_INBOX.abc", null)]
    public void EdgeOf_ReplySubject_OnlyThisClustersEdges(string subject, string? edge) =>
        Assert.Equal(edge, MeshSubjects.EdgeOf(Prefix, subject));

    [Theory]
    [InlineData("mesh.c.cluster-1")]
    [InlineData("mesh.c.7d0b5a8e-0000-4000-8000-000000000001")]
    public void ValidatePrefix_ClusterPrefix_Accepted(string prefix) => Assert.Equal(prefix, MeshSubjects.ValidatePrefix(prefix));

    [Theory]
    [InlineData("other.c.cluster-1")] // another root: no edge opens there, the agent's permissions do not allow it
    [InlineData("mesh.x.cluster-1")]
    [InlineData("mesh.c.a.b")]
    [InlineData("mesh.c.*")]
    [InlineData("mesh.c.")]
    [InlineData("mesh.c")]
    public void ValidatePrefix_OtherShape_Throws(string prefix) => Assert.Throws<ArgumentException>(() => MeshSubjects.ValidatePrefix(prefix));

    [Fact]
    public void ClusterOfAccessEvent_AccessChangedSubject_RoundTrips() =>
        Assert.Equal("cluster-1", MeshSubjects.ClusterOfAccessEvent(MeshSubjects.AccessChanged("cluster-1")));

    [Theory]
    [InlineData("mesh.events.access.a.b")]
    [InlineData("mesh.events.other.c-1")]
    [InlineData("mesh.events.access.")]
    [InlineData("mesh.events.access.*")]
    public void ClusterOfAccessEvent_Foreign_ReturnsNull(string subject) => Assert.Null(MeshSubjects.ClusterOfAccessEvent(subject));

    [Fact]
    public void IsLaneOf_FrameSubjectAndItsBulkLane_Only()
    {
        var frames = MeshSubjects.SessionInbound(Prefix, "s-1");
        Assert.True(MeshSubjects.IsLaneOf(frames, frames, bulkLane: false));
        Assert.True(MeshSubjects.IsLaneOf(MeshSubjects.BulkLane(frames), frames, bulkLane: true));
        Assert.False(MeshSubjects.IsLaneOf(MeshSubjects.BulkLane(frames), frames, bulkLane: false));
        Assert.False(MeshSubjects.IsLaneOf(frames + ".x", frames, bulkLane: true));
    }

    [Fact]
    public void Wildcards_SubjectsTheProcessesUse_AreMatched()
    {
        var edgeFrames = MeshSubjects.EdgeInbound(Prefix, "edge-1");
        var sessionFrames = MeshSubjects.SessionInbound(Prefix, "s-1");
        Assert.True(NatsSubject.Matches(MeshSubjectWildcards.SharedOpens, MeshSubjects.SharedOpen(Prefix)));
        Assert.True(NatsSubject.Matches(MeshSubjectWildcards.SessionOpens, MeshSubjects.SessionOpen(Prefix, "s-1")));
        Assert.True(NatsSubject.Matches(MeshSubjectWildcards.SessionInbounds, sessionFrames));
        Assert.True(NatsSubject.Matches(MeshSubjectWildcards.EdgeInbounds, edgeFrames));
        Assert.True(NatsSubject.Matches(MeshSubjectWildcards.EdgeInbounds, MeshSubjects.EdgeInboundWildcard("edge-1")));
        Assert.True(NatsSubject.Matches(MeshSubjects.BulkLane(MeshSubjectWildcards.EdgeInbounds), MeshSubjects.BulkLane(edgeFrames)));
        Assert.True(NatsSubject.Matches(MeshSubjects.AllAccessEvents, MeshSubjects.AccessChanged("cluster-1")));
        foreach (var own in new[] { MeshSubjects.SharedOpen(Prefix), sessionFrames, MeshSubjects.BulkLane(edgeFrames), MeshSubjects.AgentInbox(Prefix) + ".x" })
        {
            Assert.True(NatsSubject.Matches(MeshSubjectWildcards.OwnCluster("cluster-1"), own), own);
        }
    }

    [Fact]
    public void Wildcards_AnotherClustersSubjectsAndOtherKinds_AreNotMatched()
    {
        var other = MeshSubjects.ClusterPrefix("cluster-2");
        Assert.False(NatsSubject.Matches(MeshSubjectWildcards.OwnCluster("cluster-1"), MeshSubjects.SharedOpen(other)));
        Assert.False(NatsSubject.Matches(MeshSubjectWildcards.OwnCluster("cluster-1"), MeshSubjects.AccessChanged("cluster-2")));
        Assert.False(NatsSubject.Matches(MeshSubjectWildcards.EdgeInbounds, MeshSubjects.SessionInbound(other, "s-1")));
        Assert.False(NatsSubject.Matches(MeshSubjectWildcards.SessionOpens, MeshSubjects.SharedOpen(other)));
        Assert.False(NatsSubject.Matches(MeshSubjectWildcards.SharedOpens, MeshSubjects.SessionOpen(other, "s-1")));
    }
}
