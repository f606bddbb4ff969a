namespace Ankra.Mesh.Cli.Api;

/// <summary>Answer of one poll: a status while waiting, then the API token.</summary>
internal sealed record LoginPollResult(string? Status, string? Token, DateTimeOffset? ExpiresAt, string? TokenId, string? TokenName);
