using Ankra.Mesh.Tunnel.Streams;

namespace Ankra.Mesh.Tunnel.Tests;

public sealed class RecentlyClosedStreamsTests
{
    [Fact]
    public void Contains_ClosedAMomentAgo_True()
    {
        var closed = new RecentlyClosedStreams(capacity: 4, TimeSpan.FromMinutes(1));

        closed.Add("a");

        Assert.True(closed.Contains("a"));
        Assert.False(closed.Contains("b"));
    }

    [Fact]
    public void Add_PastCapacity_ForgetsTheOldestFirst()
    {
        var closed = new RecentlyClosedStreams(capacity: 2, TimeSpan.FromMinutes(1));

        closed.Add("a");
        closed.Add("b");
        closed.Add("c");

        Assert.False(closed.Contains("a"));
        Assert.True(closed.Contains("b"));
        Assert.True(closed.Contains("c"));
        Assert.Equal(2, closed.Count);
    }

    [Fact]
    public void Prune_RetentionPassed_ForgetsTheIds()
    {
        var closed = new RecentlyClosedStreams(capacity: 4, TimeSpan.Zero);
        closed.Add("a");

        closed.Prune();

        Assert.False(closed.Contains("a"));
        Assert.Equal(0, closed.Count);
    }
}
