using System.Text.RegularExpressions;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.Sso;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Api;

/// <summary>
/// <c>ankra login</c> in the browser, as Ankra's CLI does it: <c>GET /cli/login/init</c> answers
/// <c>{auth_url, state, ticket}</c>; the person signs in through SSO and approves on <c>auth_url</c> (the portal's
/// approval page, which carries only <c>state</c>); the CLI polls <c>POST /cli/login/poll {ticket, code_verifier}</c>
/// until a token comes. No credentials on either call: the ticket and the PKCE verifier are the credentials.
/// </summary>
internal static partial class CliLoginEndpoints
{
    /// <summary>Prefix of login tickets (<see cref="SecretToken"/> format: the login id, then the secret).</summary>
    public const string TicketPrefix = "anklogin";

    /// <summary>Rate-limiter policy of the unauthenticated start.</summary>
    public const string StartPolicy = "cli-login-start";

    private static readonly ApiFailure Gone = new(StatusCodes.Status410Gone,
        "This login request expired or was already used; run `ankra login` again");

    public static void Map(IEndpointRouteBuilder app)
    {
        var login = app.MapGroup("/api/v1/cli/login");
        login.MapGet("/init", InitAsync).RequireRateLimiting(StartPolicy);
        login.MapPost("/poll", PollAsync);
    }

    private static async Task<IResult> InitAsync(
        HttpContext http, IGrainFactory grains, PublicBaseUrl urls, IOptions<SsoOptions> sso, IOptions<CliLoginOptions> options,
        TimeProvider time, ILogger<CliLoginRequest> logger, string? code_challenge, string? machine_name)
    {
        if (!sso.Value.Enabled)
        {
            return ApiFailure.NotFound("Browser login is not available: this deployment has no single sign-on configured (Mesh:Sso). Log in with `ankra login --token <api token>`.").ToResult();
        }

        if (code_challenge is null || !ChallengePattern().IsMatch(code_challenge))
        {
            return ApiFailure.BadRequest("code_challenge must be the S256 challenge of a PKCE code verifier: 43 characters of base64url").ToResult();
        }

        var machine = MachineName(machine_name);
        var loginId = MeshIdentifiers.NewId();
        var secret = SecretHash.NewSecret();
        var expiresAt = time.GetUtcNow() + options.Value.TicketLifetime;
        var started = await grains.GetGrain<ICliLoginGrain>(loginId).StartAsync(SecretHash.Of(secret), code_challenge, machine, expiresAt);
        if (!started.Succeeded)
        {
            throw new InvalidOperationException(started.Message);
        }

        EdgeLog.CliLoginStarted(logger, loginId, machine);
        return Results.Ok(new
        {
            auth_url = $"{urls.For(http)}/portal/cli-login?state={loginId}",
            state = loginId,
            ticket = SecretToken.Create(TicketPrefix, loginId, secret),
            expires_at = expiresAt,
        });
    }

    private static async Task<IResult> PollAsync(
        HttpContext http, JsonBody json, IGrainFactory grains, ApiTokenService tokens, IOptions<CliLoginOptions> options, ILogger<CliLoginRequest> logger)
    {
        var body = await json.ReadAsync<CliLoginPollBody>(http.Request, http.RequestAborted);
        if (body.Failure is not null)
        {
            return body.Failure.ToResult();
        }

        var (ticket, verifier) = (body.Value!.Ticket, body.Value.CodeVerifier);
        if (verifier is null || !VerifierPattern().IsMatch(verifier))
        {
            return ApiFailure.BadRequest("code_verifier must be 43-128 characters of [A-Za-z0-9-._~] (RFC 7636)").ToResult();
        }

        if (!SecretToken.TryParse(TicketPrefix, ticket, out var loginId, out var ticketHash))
        {
            return Gone.ToResult();
        }

        var poll = await grains.GetGrain<ICliLoginGrain>(loginId).PollAsync(ticketHash, verifier);
        switch (poll.Status)
        {
            case CliLoginStatus.AwaitingApproval:
                return Results.Ok(new { status = "awaiting_approval" });
            case CliLoginStatus.VerifierRefused:
                EdgeLog.CliLoginVerifierRefused(logger, loginId);
                return ApiFailure.Forbidden("The code verifier does not match this login request, which is now cancelled; run `ankra login` again").ToResult();
            case CliLoginStatus.Denied:
                return ApiFailure.Forbidden("The sign-in was denied in the browser").ToResult();
            case CliLoginStatus.Approved:
                break;
            default:
                return Gone.ToResult();
        }

        var name = TokenName(poll.MachineName, poll.Email);
        var (info, token) = await tokens.CreateAsync(poll.UserId, name, options.Value.TokenLifetimeDays);
        EdgeLog.CliLoginCompleted(logger, loginId, info.Id, name, poll.UserId);
        return Results.Ok(new { token, expires_at = info.ExpiresAt, token_id = info.Id, token_name = info.Name, status = "approved" });
    }

    /// <summary><c>ankra-cli-&lt;host&gt;-&lt;user&gt;</c>, each part reduced to <c>[a-z0-9-]</c>.</summary>
    public static string TokenName(string machineName, string email) =>
        $"ankra-cli-{Slug(machineName, "machine")}-{Slug(email.Split('@')[0], "user")}";

    // Display-only text from an unauthenticated caller: bounded, printable, never trusted.
    private static string MachineName(string? value)
    {
        var cleaned = new string((value ?? string.Empty).Trim().Where(c => !char.IsControl(c)).Take(63).ToArray());
        return cleaned.Length == 0 ? "unknown machine" : cleaned;
    }

    private static string Slug(string value, string fallback)
    {
        var slug = SlugPattern().Replace(value.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? fallback : slug[..Math.Min(slug.Length, 40)];
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChallengePattern();

    [GeneratedRegex("^[A-Za-z0-9._~-]{43,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex VerifierPattern();

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
