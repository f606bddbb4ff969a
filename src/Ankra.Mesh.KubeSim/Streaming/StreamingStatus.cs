using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.KubeSim.Streaming;

/// <summary>
/// Kubernetes <c>Status</c> objects the streaming endpoints produce: HTTP errors before an upgrade,
/// and the exit status a remote command reports on its error channel (protocol v4 and later).
/// </summary>
internal static class StreamingStatus
{
    /// <summary>The Success status kubelet writes when a command exits 0.</summary>
    public static byte[] Success() => Write(null, writer => writer.WriteString("status", "Success"));

    /// <summary>
    /// The status for a non-zero exit: reason <c>NonZeroExitCode</c> with an <c>ExitCode</c> cause, which
    /// client-go turns into an exit error so kubectl exits with <paramref name="exitCode"/>.
    /// </summary>
    public static byte[] NonZeroExit(int exitCode, IReadOnlyList<string> command) => Write(null, writer =>
    {
        writer.WriteString("status", "Failure");
        writer.WriteString("message", $"command terminated with non-zero exit code: error executing command [{string.Join(' ', command)}], exit code {exitCode}");
        writer.WriteString("reason", "NonZeroExitCode");
        writer.WriteStartObject("details");
        writer.WriteStartArray("causes");
        writer.WriteStartObject();
        writer.WriteString("reason", "ExitCode");
        writer.WriteString("message", exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>A failure status with a reason and message (e.g. InternalError) for the error channel.</summary>
    public static byte[] Failure(string reason, string message, int code) => Write(null, writer =>
    {
        writer.WriteString("status", "Failure");
        writer.WriteString("message", message);
        writer.WriteString("reason", reason);
        writer.WriteNumber("code", code);
    });

    /// <summary>Answers the HTTP request (before any upgrade) with a <c>Status</c> body.</summary>
    public static Task WriteHttpErrorAsync(HttpContext context, int statusCode, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        var body = Write("Status", writer =>
        {
            writer.WriteString("status", "Failure");
            writer.WriteString("message", message);
            writer.WriteString("reason", reason);
            writer.WriteNumber("code", statusCode);
        });
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>The plain-text error protocols v2/v3 use on the error stream.</summary>
    public static byte[] LegacyNonZeroExit(int exitCode) =>
        Encoding.UTF8.GetBytes($"command terminated with non-zero exit code: exit status {exitCode}");

    private static byte[] Write(string? kind, Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (kind is not null)
            {
                writer.WriteString("kind", kind);
                writer.WriteString("apiVersion", "v1");
            }

            writer.WriteStartObject("metadata");
            writer.WriteEndObject();
            fields(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
