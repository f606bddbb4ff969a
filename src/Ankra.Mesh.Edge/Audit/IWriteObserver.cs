namespace Ankra.Mesh.Edge.Audit;

/// <summary>Sees the bytes a <see cref="CountingStream"/> writes, in order.</summary>
internal interface IWriteObserver
{
    void Observe(ReadOnlySpan<byte> bytes);
}
