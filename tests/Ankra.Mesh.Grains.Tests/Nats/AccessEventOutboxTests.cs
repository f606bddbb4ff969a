namespace Ankra.Mesh.Grains.Tests.Nats;

/// <summary>The outbox keeps one event per cluster and never forgets one that arrived while an older one was on the wire.</summary>
public sealed class AccessEventOutboxTests
{
    [Fact]
    public async Task Publish_BurstForOneCluster_OneEventWithTheHighestVersion()
    {
        var outbox = new AccessEventOutbox();
        await outbox.PublishAsync("c-1", 1);
        await outbox.PublishAsync("c-1", 3);
        await outbox.PublishAsync("c-1", 2);
        await outbox.PublishAsync("c-2", 1);

        var pending = outbox.Pending().ToDictionary(p => p.Key, p => p.Value.GrantsVersion);
        Assert.Equal(2, pending.Count);
        Assert.Equal(3, pending["c-1"]);
        Assert.Equal(1, pending["c-2"]);
    }

    [Fact]
    public async Task Delivered_SameVersionHandedOverWhileOnTheWire_StaysPending()
    {
        var outbox = new AccessEventOutbox();
        await outbox.PublishAsync("c-1", 5);
        var onTheWire = Assert.Single(outbox.Pending());

        // A token rotation announces the same grants version again while the first event is being published.
        await outbox.PublishAsync("c-1", 5);
        outbox.Delivered(onTheWire.Key, onTheWire.Value);

        var left = Assert.Single(outbox.Pending());
        Assert.Equal(5, left.Value.GrantsVersion);
        outbox.Delivered(left.Key, left.Value);
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public async Task Publish_NeverWaits_AndRingsTheRelay()
    {
        var outbox = new AccessEventOutbox();
        var publishing = outbox.PublishAsync("c-1", 1);

        Assert.True(publishing.IsCompletedSuccessfully);
        await outbox.WaitForEventsAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
    }
}
