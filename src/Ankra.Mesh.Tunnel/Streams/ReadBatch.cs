namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>Bytes a <see cref="CoalescingReader"/> gathered, and whether the source ended after them.</summary>
internal readonly record struct ReadBatch(ReadOnlyMemory<byte> Bytes, bool End);
