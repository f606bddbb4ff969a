using Ankra.Mesh.Tunnel.FlowControl;

namespace Ankra.Mesh.Tunnel.Tests.FlowControl;

/// <summary>A stream's send window: a writer takes credit or waits for the peer's grants; a failure ends every wait.</summary>
public sealed class SendCreditTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AcquireAsync_EnoughCredit_TakesItAtOnce()
    {
        var credit = new SendCredit(100);

        var acquired = credit.AcquireAsync(60);

        Assert.True(acquired.IsCompletedSuccessfully);
        await acquired;
        Assert.Equal(40, credit.Available);
    }

    [Fact]
    public async Task AcquireAsync_NotEnoughCredit_WaitsUntilTheGrantsCoverTheWholeCost()
    {
        var credit = new SendCredit(10);

        var acquired = credit.AcquireAsync(30).AsTask();
        credit.Grant(10);
        await Task.Yield();
        Assert.False(acquired.IsCompleted);
        Assert.Equal(20, credit.Available);

        credit.Grant(10);
        await acquired.WaitAsync(Deadline);

        Assert.Equal(0, credit.Available);
    }

    [Fact]
    public void TryTake_NotEnoughCredit_TakesNothing()
    {
        var credit = new SendCredit(10);

        Assert.False(credit.TryTake(11));
        Assert.True(credit.TryTake(10));
        Assert.Equal(0, credit.Available);
    }

    [Fact]
    public async Task Fail_WriterWaiting_ItAndEveryLaterWriterGetTheFailure()
    {
        var credit = new SendCredit(0);
        var waiting = credit.AcquireAsync(1).AsTask();
        var reset = new TunnelException(TunnelFailure.Reset, "reset by peer");

        credit.Fail(reset);

        Assert.Same(reset, await Assert.ThrowsAsync<TunnelException>(() => waiting.WaitAsync(Deadline)));
        credit.Grant(100);
        Assert.Same(reset, await Assert.ThrowsAsync<TunnelException>(() => credit.AcquireAsync(1).AsTask().WaitAsync(Deadline)));
        Assert.False(credit.TryTake(1));
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_TakesNothing()
    {
        var credit = new SendCredit(5);
        using var cancel = new CancellationTokenSource();
        var waiting = credit.AcquireAsync(10, cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Deadline));
        credit.Grant(5);
        Assert.Equal(10, credit.Available);
    }
}
