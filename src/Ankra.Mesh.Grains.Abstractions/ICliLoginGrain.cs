namespace Ankra.Mesh.Grains;

/// <summary>
/// One browser login of the CLI (key: the login id, which the CLI calls <c>state</c> and the approval page's URL
/// carries). The CLI holds two secrets the browser never sees: the ticket (stored here only as a hash) and the
/// PKCE code verifier (stored as its S256 challenge). Polling needs both, so neither a stolen ticket nor the
/// approval URL alone yields a token. Single use: the first successful poll ends the login.
/// </summary>
[Alias("ankra.mesh.ICliLoginGrain")]
public interface ICliLoginGrain : IGrainWithStringKey
{
    /// <summary>Starts the login; Conflict when this id was used before.</summary>
    [Alias("Start")]
    Task<Outcome<bool>> StartAsync(string ticketHash, string codeChallenge, string machineName, DateTimeOffset expiresAt);

    /// <summary>The login while it awaits approval (for the approval page); null when unknown, expired or finished.</summary>
    [Alias("Get")]
    [Orleans.Concurrency.ReadOnly]
    Task<CliLoginInfo?> GetAsync();

    /// <summary>Records who approved it; NotFound when no longer awaiting approval.</summary>
    [Alias("Approve")]
    Task<Outcome<bool>> ApproveAsync(string userId, string email);

    /// <summary>Ends the login as denied; NotFound when no longer awaiting approval.</summary>
    [Alias("Deny")]
    Task<Outcome<bool>> DenyAsync();

    /// <summary>One poll of the CLI. A wrong ticket or verifier ends the login, so guessing gets one try.</summary>
    [Alias("Poll")]
    Task<CliLoginPoll> PollAsync(string ticketHash, string codeVerifier);
}
