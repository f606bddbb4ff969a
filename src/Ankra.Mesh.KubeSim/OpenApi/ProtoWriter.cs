using System.Text;

namespace Ankra.Mesh.KubeSim.OpenApi;

/// <summary>A minimal protobuf encoder: strings and nested messages are all <see cref="OpenApiV2Document"/> needs.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public ProtoWriter String(int field, string value)
    {
        Bytes(field, Encoding.UTF8.GetBytes(value));
        return this;
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> build)
    {
        var nested = new ProtoWriter();
        build(nested);
        Bytes(field, nested.ToArray());
        return this;
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void Bytes(int field, byte[] value)
    {
        Varint((ulong)((field << 3) | 2));
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}
