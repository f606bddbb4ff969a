namespace Ankra.Mesh.Grains;

/// <summary>
/// Retries a grain call a grain makes on another grain, for steps that must finish before the caller
/// may record its own change (revoking a leaving member's grants). Three attempts, 0.5 s then 1 s apart:
/// enough for a grain that is moving to another silo or a storage blip, and well inside Orleans' 30 s
/// response timeout of the call that is waiting.
/// </summary>
internal static class GrainRetry
{
    public const int Attempts = 3;

    private static readonly TimeSpan[] Delays = [TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)];

    /// <summary>Runs <paramref name="call"/> up to <see cref="Attempts"/> times; the last failure propagates.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, Action<int, TimeSpan, Exception> retrying)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(retrying);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (attempt < Attempts && exception is not OperationCanceledException)
            {
                var delay = Delays[attempt - 1];
                retrying(attempt, delay, exception);
                await Task.Delay(delay);
            }
        }
    }

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}}, Action{int, TimeSpan, Exception})"/>
    public static Task RunAsync(Func<Task> call, Action<int, TimeSpan, Exception> retrying)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RunAsync(async () =>
        {
            await call();
            return true;
        }, retrying);
    }
}
