namespace Ankra.Mesh.DevIdp;

/// <summary>Every log line of the development IdP (event ids 5900–5949).</summary>
internal static partial class DevIdpLog
{
    [LoggerMessage(EventId = 5900, Level = LogLevel.Warning, Message = "Development identity provider at {Issuer} with {Users} demo user(s): for tests and ./mesh demo only, never production")]
    public static partial void Started(ILogger logger, string issuer, int users);

    [LoggerMessage(EventId = 5901, Level = LogLevel.Information, Message = "{Email} signed in for client {ClientId}")]
    public static partial void SignedIn(ILogger logger, string email, string clientId);

    [LoggerMessage(EventId = 5902, Level = LogLevel.Information, Message = "Sign-in refused for {Email}: wrong email or password")]
    public static partial void SignInRefused(ILogger logger, string email);

    [LoggerMessage(EventId = 5903, Level = LogLevel.Information, Message = "Refused {Endpoint} request of client {ClientId}: {Reason}")]
    public static partial void ClientRefused(ILogger logger, string endpoint, string clientId, string reason);
}
