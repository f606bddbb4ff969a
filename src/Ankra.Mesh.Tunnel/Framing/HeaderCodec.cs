using System.Net.Http.Headers;
using Ankra.Mesh.Contracts.V1;
using Google.Protobuf.Collections;

namespace Ankra.Mesh.Tunnel.Framing;

/// <summary>Copies HTTP headers to and from frames, dropping hop-by-hop headers that belong to one hop.</summary>
internal static class HeaderCodec
{
    // RFC 9110 §7.6.1 connection-specific fields, plus Host (the agent addresses the API server itself)
    // and the trace headers (carried in OpenStream fields instead so the agent can continue the trace).
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host", "traceparent", "tracestate",
    };

    /// <summary>True when the header belongs to one hop only.</summary>
    public static bool IsHopByHop(string name) => HopByHop.Contains(name);

    /// <summary>Appends every end-to-end header of <paramref name="headers"/>; returns the bytes added.</summary>
    public static int Append(RepeatedField<Header> target, HttpHeaders? headers)
    {
        if (headers is null)
        {
            return 0;
        }

        var size = 0;
        foreach (var (name, values) in headers.NonValidated)
        {
            if (IsHopByHop(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                target.Add(new Header { Name = name, Value = value });
                size += name.Length + value.Length + 4;
            }
        }

        return size;
    }

    /// <summary>The header's value from <paramref name="headers"/>, or null.</summary>
    public static string? Find(RepeatedField<Header> headers, string name)
    {
        foreach (var header in headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>Size of a head as counted against <see cref="TunnelOptions.MaxHeaderBytes"/>.</summary>
    public static int SizeOf(RepeatedField<Header> headers)
    {
        var size = 0;
        foreach (var header in headers)
        {
            size += header.Name.Length + header.Value.Length + 4;
        }

        return size;
    }

    /// <summary>Adds headers to a message, putting content headers on its content.</summary>
    public static void CopyTo(RepeatedField<Header> headers, HttpHeaders messageHeaders, HttpContent? content)
    {
        foreach (var header in headers)
        {
            if (IsHopByHop(header.Name))
            {
                continue;
            }

            if (!messageHeaders.TryAddWithoutValidation(header.Name, header.Value))
            {
                content?.Headers.TryAddWithoutValidation(header.Name, header.Value);
            }
        }
    }
}
