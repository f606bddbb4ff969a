using System.Buffers;
using System.Text.Json;

namespace Ankra.Mesh.Contracts.Http;

/// <summary>
/// The one writer of the Kubernetes <c>Status</c> object (<c>{"kind":"Status","apiVersion":"v1",…}</c>) that edge
/// and agent answer kubectl with, so kubectl prints the message as it prints the API server's own refusals
/// ("Error from server (Forbidden): …"). <see cref="Utf8JsonWriter"/> escapes the message, so a user name or
/// path placed in it can never break out of the string. KubeSim, which plays the API server in tests, keeps
/// its own Status factory: it is a stand-in for another product, not part of the mesh's contract.
/// </summary>
public static class KubeStatusBody
{
    /// <summary>The media type the body is sent with.</summary>
    public const string ContentType = "application/json";

    /// <summary>A failure Status as UTF-8 JSON.</summary>
    /// <param name="code">The HTTP status code, repeated in the body as kubectl expects.</param>
    /// <param name="reason">The Kubernetes reason (<c>Unauthorized</c>, <c>Forbidden</c>, <c>TooManyRequests</c>, …).</param>
    /// <param name="message">What kubectl prints.</param>
    public static byte[] Serialize(int code, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(message);
        var buffer = new ArrayBufferWriter<byte>(256 + message.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", "Status");
            json.WriteString("apiVersion", "v1");
            json.WriteStartObject("metadata");
            json.WriteEndObject();
            json.WriteString("status", "Failure");
            json.WriteString("message", message);
            json.WriteString("reason", reason);
            json.WriteNumber("code", code);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The same body as a string, for APIs that take text.</summary>
    public static string SerializeToString(int code, string reason, string message) =>
        System.Text.Encoding.UTF8.GetString(Serialize(code, reason, message));
}
