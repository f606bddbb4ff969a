using System.Net.Http.Json;
using System.Text.Json;

namespace Ankra.Mesh.Cli.Api;

/// <summary>The browser login's two calls; neither carries an API token (the ticket and the PKCE verifier are the credentials).</summary>
internal sealed partial class AnkraApiClient
{
    public Task<LoginStart> StartLoginAsync(string codeChallenge, string machineName, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get,
            $"/api/v1/cli/login/init?code_challenge={Uri.EscapeDataString(codeChallenge)}&machine_name={Uri.EscapeDataString(machineName)}&base_url={Uri.EscapeDataString(_baseUrl)}",
            null, ApiJsonContext.Default.LoginStart, cancellationToken);

    /// <summary>
    /// One poll. A 4xx answer is final (thrown as a <see cref="CliException"/>); a 5xx, a network error or a timeout
    /// is not: null, and the caller polls again.
    /// </summary>
    public async Task<LoginPollResult?> PollLoginAsync(string ticket, string codeVerifier, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _baseUrl + "/api/v1/cli/login/poll")
        {
            Content = Json(new LoginPollRequest(ticket, codeVerifier), ApiJsonContext.Default.LoginPollRequest),
        };
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.LoginPollResult, cancellationToken);
            }

            if ((int)response.StatusCode >= 500)
            {
                return null;
            }

            var detail = await ReadDetailAsync(response, cancellationToken) ?? response.ReasonPhrase ?? "refused";
            throw (int)response.StatusCode switch
            {
                410 => new CliException(ExitCodes.Authentication, $"Login failed: {detail}"),
                403 => new CliException(ExitCodes.Forbidden, $"Login refused: {detail}"),
                426 => new CliException(ExitCodes.Failure, $"This ankra is too old for {_baseUrl}: {detail}"),
                _ => new CliException(ExitCodes.Failure, $"Login failed ({(int)response.StatusCode}): {detail}"),
            };
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
