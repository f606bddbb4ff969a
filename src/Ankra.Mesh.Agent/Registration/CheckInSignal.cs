namespace Ankra.Mesh.Agent.Registration;

/// <summary>
/// Lets the next check-in happen early: a grant-change event from the control plane wakes the
/// check-in loop, so new grants are applied and revoked bindings removed within a second instead of
/// at the next interval. Several wake-ups before the loop runs collapse into one.
/// </summary>
internal sealed class CheckInSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken; one check-in serves every change so far.
        }
    }

    /// <summary>Waits for <paramref name="delay"/>, or less when woken.</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken = default) =>
        await _wake.WaitAsync(delay, cancellationToken);

    public void Dispose() => _wake.Dispose();
}
