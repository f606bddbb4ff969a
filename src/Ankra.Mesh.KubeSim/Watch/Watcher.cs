using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Ankra.Mesh.KubeSim.Watch;

/// <summary>
/// One open watch. Events reach it through a bounded channel; the store only ever calls
/// <see cref="TryDeliver"/>, so a full buffer never blocks the fan-out: the watcher is closed instead,
/// as the Kubernetes API server closes a watcher that falls behind and lets the client re-list.
/// </summary>
internal sealed class Watcher
{
    private readonly Channel<WatchEvent> _channel;
    private readonly Func<JsonObject, bool> _matches;

    public Watcher(int capacity, Func<JsonObject, bool> matches, bool bookmarks)
    {
        // FullMode is Wait but nothing ever waits on the writer: TryWrite fails when full and the watcher is closed.
        _channel = Channel.CreateBounded<WatchEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _matches = matches;
        WantsBookmarks = bookmarks;
    }

    /// <summary>Events due before the live ones (initial ADDED list or history replay); not bounded by capacity.</summary>
    public Queue<WatchEvent> Backlog { get; } = new();

    public bool WantsBookmarks { get; }

    /// <summary>True once the watcher was closed for falling behind.</summary>
    public bool Overflowed { get; private set; }

    public ChannelReader<WatchEvent> Reader => _channel.Reader;

    /// <summary>Translates the event through this watcher's selectors, then queues it; false if the watcher had to be closed.</summary>
    public bool TryDeliver(WatchEvent change)
    {
        var visible = Translate(change);
        if (visible is null)
        {
            return true;
        }

        if (_channel.Writer.TryWrite(visible))
        {
            return true;
        }

        Overflowed = true;
        _channel.Writer.TryComplete();
        return false;
    }

    public void AddToBacklog(WatchEvent change)
    {
        var visible = Translate(change);
        if (visible is not null)
        {
            Backlog.Enqueue(visible);
        }
    }

    public bool TryDeliverBookmark(WatchEvent bookmark) => !WantsBookmarks || _channel.Writer.TryWrite(bookmark);

    public void Close() => _channel.Writer.TryComplete();

    private WatchEvent? Translate(WatchEvent change)
    {
        var now = _matches(change.Object);
        if (change.Type != "MODIFIED" || change.Previous is null)
        {
            return now ? change : null;
        }

        var before = _matches(change.Previous);
        return (before, now) switch
        {
            (true, true) => change,
            (false, true) => change.As("ADDED"),
            (true, false) => change.As("DELETED"),
            _ => null,
        };
    }
}
