using Ankra.Mesh.Contracts.V1;

namespace Ankra.Mesh.Tunnel.Agent;

/// <summary>
/// Called by <see cref="TunnelAgentServer"/> for every request just before it goes to the API server.
/// The agent uses it to remove client <c>Authorization</c>/<c>Impersonate-*</c>/<c>X-Remote-*</c> headers,
/// add its own credentials and <c>Impersonate-User</c>/<c>Impersonate-Extra-*</c> from <paramref name="identity"/>.
/// Throwing <see cref="TunnelRequestRejectedException"/> answers the client with that status instead.
/// </summary>
public delegate ValueTask TunnelRequestRewriter(HttpRequestMessage request, Identity identity, CancellationToken cancellationToken);
