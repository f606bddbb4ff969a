namespace Ankra.Mesh.Edge;

/// <summary>Log lines of single sign-on, the portal and the CLI browser login (event ids 5170–5189).</summary>
internal static partial class EdgeLog
{
    [LoggerMessage(EventId = 5170, Level = LogLevel.Information, Message = "{Email} signed in to the portal")]
    public static partial void SsoSignedIn(ILogger logger, string email);

    [LoggerMessage(EventId = 5171, Level = LogLevel.Warning, Message = "Sign-in refused: the identity provider did not vouch for the email {Email} (email_verified is not true)")]
    public static partial void SsoRefusedUnverifiedEmail(ILogger logger, string email);

    [LoggerMessage(EventId = 5172, Level = LogLevel.Warning, Message = "Single sign-on failed at the identity provider or on the way back")]
    public static partial void SsoFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 5173, Level = LogLevel.Information, Message = "CLI login {LoginId} started for machine {MachineName}")]
    public static partial void CliLoginStarted(ILogger logger, string loginId, string machineName);

    [LoggerMessage(EventId = 5174, Level = LogLevel.Information, Message = "CLI login {LoginId} approved by {Email}")]
    public static partial void CliLoginApproved(ILogger logger, string loginId, string email);

    [LoggerMessage(EventId = 5175, Level = LogLevel.Information, Message = "CLI login {LoginId} completed: API token {TokenId} ({TokenName}) issued to user {UserId}")]
    public static partial void CliLoginCompleted(ILogger logger, string loginId, string tokenId, string tokenName, string userId);

    [LoggerMessage(EventId = 5176, Level = LogLevel.Warning, Message = "CLI login {LoginId} cancelled: a poll presented a wrong ticket or code verifier")]
    public static partial void CliLoginVerifierRefused(ILogger logger, string loginId);

    [LoggerMessage(EventId = 5177, Level = LogLevel.Information, Message = "CLI login {LoginId} denied by {Email}")]
    public static partial void CliLoginDenied(ILogger logger, string loginId, string email);

    [LoggerMessage(EventId = 5178, Level = LogLevel.Information, Message = "All access to cluster {ClusterId} revoked from the portal by {Email}")]
    public static partial void PortalRevokedAll(ILogger logger, string clusterId, string email);
}
