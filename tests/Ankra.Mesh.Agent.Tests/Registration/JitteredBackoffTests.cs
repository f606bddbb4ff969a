using Ankra.Mesh.Agent.Registration;

namespace Ankra.Mesh.Agent.Tests.Registration;

public sealed class JitteredBackoffTests
{
    private static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Maximum = TimeSpan.FromSeconds(30);

    [Fact]
    public void Next_ManyAttempts_NeverBelowMinimumNorAboveMaximum()
    {
        var backoff = new JitteredBackoff(Minimum, Maximum);

        var delays = Enumerable.Range(0, 200).Select(_ => backoff.Next()).ToList();

        Assert.All(delays, delay => Assert.InRange(delay, Minimum, Maximum));
    }

    [Fact]
    public void Next_ThousandAgentsAfterSameOutage_SpreadOverTheWindow()
    {
        // Agents that all lost the edge at once must not come back at once (the reconnect storm).
        var delays = Enumerable.Range(0, 1000).Select(_ =>
        {
            var backoff = new JitteredBackoff(Minimum, Maximum);
            for (var i = 0; i < 8; i++)
            {
                backoff.Next();
            }

            return backoff.Next().TotalSeconds;
        }).ToList();

        var busiestSecond = delays.GroupBy(seconds => (int)seconds).Max(group => group.Count());
        Assert.True(busiestSecond < 100, $"{busiestSecond} of 1000 agents would reconnect within the same second");
        Assert.True(delays.Max() - delays.Min() > 20, "the reconnects should span most of the 30 s window");
    }

    [Fact]
    public void Reset_AfterFailures_StartsAgainNearTheMinimum()
    {
        var backoff = new JitteredBackoff(Minimum, Maximum);
        for (var i = 0; i < 10; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.InRange(backoff.Next(), Minimum, Minimum * 2);
    }
}
