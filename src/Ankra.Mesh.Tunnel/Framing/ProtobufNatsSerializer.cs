using System.Buffers;
using Google.Protobuf;
using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Framing;

/// <summary>
/// Writes protobuf messages straight into the NATS connection's pooled buffer and parses them from the
/// received sequence, so no intermediate byte arrays are made per frame.
/// </summary>
internal sealed class ProtobufNatsSerializer<T> : INatsSerialize<T>, INatsDeserialize<T>
    where T : class, IMessage<T>, new()
{
    public static readonly ProtobufNatsSerializer<T> Instance = new();

    private static readonly MessageParser<T> Parser = new(() => new T());

    public void Serialize(IBufferWriter<byte> bufferWriter, T value) => value.WriteTo(bufferWriter);

    // An empty payload (e.g. a NATS status message such as "no responders") yields null.
    public T? Deserialize(in ReadOnlySequence<byte> buffer) => buffer.IsEmpty ? null : Parser.ParseFrom(buffer);
}
