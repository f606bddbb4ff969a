using System.Security.Cryptography;

namespace Ankra.Mesh.Tunnel.Tests.Infrastructure;

/// <summary>Deterministic bytes (so both ends can checksum them without holding them) and hashing helpers.</summary>
public static class TestData
{
    /// <summary>Fills <paramref name="buffer"/> with the bytes at <paramref name="offset"/> of the sequence for <paramref name="seed"/>.</summary>
    public static void Fill(Span<byte> buffer, long offset, int seed)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            var x = (ulong)(offset + i) * 0x9E3779B97F4A7C15UL ^ (ulong)seed;
            buffer[i] = (byte)(x >> 56);
        }
    }

    /// <summary>Writes <paramref name="length"/> deterministic bytes to <paramref name="target"/>.</summary>
    public static async Task WriteAsync(Stream target, long length, int seed, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[64 * 1024];
        for (long offset = 0; offset < length; offset += buffer.Length)
        {
            var count = (int)Math.Min(buffer.Length, length - offset);
            Fill(buffer.AsSpan(0, count), offset, seed);
            await target.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
        }
    }

    /// <summary>SHA-256 of the deterministic sequence, computed locally.</summary>
    public static string ExpectedHash(long length, int seed)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        for (long offset = 0; offset < length; offset += buffer.Length)
        {
            var count = (int)Math.Min(buffer.Length, length - offset);
            Fill(buffer.AsSpan(0, count), offset, seed);
            hash.AppendData(buffer, 0, count);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Reads <paramref name="source"/> to its end; returns its SHA-256 and length.</summary>
    public static async Task<(string Hash, long Length)> HashAsync(Stream source, CancellationToken cancellationToken = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long length = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }
}
