namespace Ankra.Mesh.Cli.Api;

/// <summary>Body of <c>POST /api/v1/cli/login/poll</c>.</summary>
internal sealed record LoginPollRequest(string Ticket, string CodeVerifier);
