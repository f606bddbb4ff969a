namespace Ankra.Mesh.Edge.Api;

/// <summary>POST /api/v1/cli/login/poll.</summary>
internal sealed record CliLoginPollBody(string? Ticket, string? CodeVerifier);
