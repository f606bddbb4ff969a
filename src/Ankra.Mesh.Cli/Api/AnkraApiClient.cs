using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ankra.Mesh.PrivateCa;

namespace Ankra.Mesh.Cli.Api;

/// <summary>
/// Calls the Ankra user API. Every failure becomes a <see cref="CliException"/> carrying the API's own
/// <c>detail</c> message and the documented exit code (401 → 6, 403 → 7, 404 → 3, others → 1).
/// Redirects are never followed: a redirect would carry the API token to wherever it points.
/// </summary>
internal sealed partial class AnkraApiClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly string _baseUrl;

    /// <param name="baseUrl">The API's base URL.</param>
    /// <param name="token">The API token; null only for the browser login's unauthenticated calls.</param>
    /// <param name="organisation">The organisation to act in, or null for the user's default.</param>
    /// <param name="certificateAuthority">A private CA's PEM file, or null for the system's trust.</param>
    public AnkraApiClient(string baseUrl, string? token, string? organisation, string? certificateAuthority = null)
    {
        _baseUrl = baseUrl;
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (certificateAuthority is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = PinnedTo(certificateAuthority);
        }

        _http = new HttpClient(handler) { Timeout = RequestTimeout };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ankra-cli", "1.0"));
        if (!string.IsNullOrEmpty(organisation))
        {
            _http.DefaultRequestHeaders.Add("X-Ankra-Organisation-Id", organisation);
        }
    }

    public void Dispose() => _http.Dispose();

    private static JsonContent Json<TBody>(TBody body, JsonTypeInfo<TBody> bodyType) => JsonContent.Create(body, bodyType);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? body, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync(responseType, cancellationToken)
                ?? throw new CliException(ExitCodes.Failure, $"{method} {path}: the API returned an empty answer.");
        }
        catch (JsonException)
        {
            throw new CliException(ExitCodes.Failure,
                $"{method} {path}: the API returned something that is not the expected JSON; is {_baseUrl} an Ankra API?");
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, _baseUrl + path) { Content = body };

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new CliException(ExitCodes.Failure, $"Cannot reach {_baseUrl}: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Failure, $"{_baseUrl} did not answer within {RequestTimeout.TotalSeconds:0} s.");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }
    }

    private static async Task<CliException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var detail = await ReadDetailAsync(response, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new CliException(ExitCodes.Authentication,
                $"Your API token was rejected ({detail ?? "invalid, expired or revoked"}). Run `ankra login` again (or `ankra login --token <api token>`)."),
            HttpStatusCode.Forbidden => new CliException(ExitCodes.Forbidden, detail ?? "You are not allowed to do that."),
            HttpStatusCode.NotFound => new CliException(ExitCodes.NotFound, detail ?? "Not found."),
            HttpStatusCode.TooManyRequests => new CliException(ExitCodes.Failure,
                $"{detail ?? "Too many requests"}; try again in {RetryAfterSeconds(response)} s."),
            _ when (int)response.StatusCode is >= 300 and < 400 => new CliException(ExitCodes.Failure,
                $"The API answered with a redirect to {response.Headers.Location}; not followed, so the token stays here. Check --base-url."),
            _ => new CliException(ExitCodes.Failure, $"The API answered {(int)response.StatusCode}: {detail ?? response.ReasonPhrase}"),
        };
    }

    private static long RetryAfterSeconds(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta ? (long)Math.Ceiling(delta.TotalSeconds) : 1;

    private static async Task<string?> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(
                await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("detail", out var detail)
                && detail.ValueKind == JsonValueKind.String
                ? detail.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Trust for a self-hosted control plane whose certificate chains to a private CA: that CA alone (see <see cref="PrivateCaTrust"/>).</summary>
    private static RemoteCertificateValidationCallback PinnedTo(string caFile)
    {
        try
        {
            return PrivateCaTrust.FromFile(caFile).Validate;
        }
        catch (FileNotFoundException)
        {
            throw new CliException(ExitCodes.Usage, $"--certificate-authority: {caFile} does not exist.");
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            throw new CliException(ExitCodes.Usage, $"--certificate-authority: {exception.Message}");
        }
    }
}
