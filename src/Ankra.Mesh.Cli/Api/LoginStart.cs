namespace Ankra.Mesh.Cli.Api;

/// <summary>Answer of <c>GET /api/v1/cli/login/init</c>: where the person approves, and the ticket only this CLI holds.</summary>
internal sealed record LoginStart(string AuthUrl, string State, string Ticket);
