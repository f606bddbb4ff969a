using System.Net;
using System.Security.Cryptography;

namespace Ankra.Mesh.EndToEnd.Tests.DataPath;

/// <summary>One response as a client received it: status, byte count and SHA-256 of the body.</summary>
public sealed record Transfer(HttpStatusCode Status, long Bytes, string Sha256)
{
    private static readonly TimeSpan BodyTimeout = TimeSpan.FromMinutes(2);

    /// <summary>GETs <paramref name="path"/> and reads the whole body at <paramref name="speed"/>.</summary>
    public static async Task<Transfer> GetAsync(HttpClient client, string path, ReaderSpeed speed)
    {
        using var cancel = new CancellationTokenSource(BodyTimeout);
        using var response = await client.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        await using var body = await response.Content.ReadAsStreamAsync(cancel.Token);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[speed == ReaderSpeed.Fast ? 128 * 1024 : 4 * 1024];
        long total = 0;
        long sincePause = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancel.Token)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
            sincePause += read;
            if (speed == ReaderSpeed.Slow && sincePause >= 64 * 1024)
            {
                // The reader's own pace, not a wait for an event: it keeps the sender against its window.
                sincePause = 0;
                await Task.Delay(1, cancel.Token);
            }
        }

        return new Transfer(response.StatusCode, total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
