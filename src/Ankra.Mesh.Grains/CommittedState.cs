using Orleans.Serialization;

namespace Ankra.Mesh.Grains;

/// <summary>
/// A grain's persisted state that only ever holds what storage accepted. A change is made on a copy
/// (<see cref="EditAsync"/>), written (<see cref="CommitAsync"/>), and becomes <see cref="Current"/> only
/// once the write succeeded. When the write throws, <see cref="Current"/> stays as it was and the
/// exception reaches the caller (503 at the edge, UNAVAILABLE over gRPC), so "failed" always means
/// "nothing happened", and a later, unrelated write can never persist a change whose caller was told
/// it failed (issue 12: a grant deleted under a 503 used to be persisted by the next agent check-in).
/// </summary>
/// <remarks>
/// A failed write may still have reached the database (the connection died after the commit). Its
/// outcome is therefore unknown until storage is read again: the next <see cref="EditAsync"/> re-reads
/// first and adopts the stored state when its version moved, so the grain neither keeps serving nor
/// overwrites a state that storage has left behind (an ETag conflict would otherwise fail every later write).
/// </remarks>
/// <typeparam name="T">The state type (a <c>[GenerateSerializer]</c> class, so Orleans can deep-copy it).</typeparam>
internal sealed class CommittedState<T>(IPersistentState<T> storage, DeepCopier copier)
    where T : class
{
    private T? _draftOf;
    private bool _outcomeUnknown;

    /// <summary>
    /// The state as last written (or read). Callers read it; they change it only through
    /// <see cref="EditAsync"/> and <see cref="CommitAsync"/>, except for soft state a grain documents as
    /// kept in memory between writes.
    /// </summary>
    public T Current => storage.State;

    /// <summary>A private copy of the current state to change and then pass to <see cref="CommitAsync"/>.</summary>
    public async Task<T> EditAsync()
    {
        if (_outcomeUnknown)
        {
            var served = storage.State;
            var etag = storage.Etag;
            await storage.ReadStateAsync();
            if (storage.Etag == etag)
            {
                // The failed write did not land: keep the served object, with its in-memory soft state.
                storage.State = served;
            }

            _outcomeUnknown = false;
        }

        _draftOf = storage.State;
        return copier.Copy(storage.State);
    }

    /// <summary>Writes <paramref name="draft"/> and makes it current; on failure nothing changes and the exception propagates.</summary>
    public async Task CommitAsync(T draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var before = storage.State;
        if (!ReferenceEquals(before, _draftOf))
        {
            throw new InvalidOperationException("The state changed since this draft was taken; take a new one with EditAsync.");
        }

        _draftOf = null;
        storage.State = draft;
        try
        {
            await storage.WriteStateAsync();
        }
        catch
        {
            storage.State = before;
            _outcomeUnknown = true;
            throw;
        }
    }
}
