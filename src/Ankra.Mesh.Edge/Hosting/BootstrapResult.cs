namespace Ankra.Mesh.Edge.Hosting;

/// <summary>What a bootstrap run left behind.</summary>
/// <param name="OrganisationId">The organisation (created on the first run).</param>
/// <param name="Token">The admin's one bootstrap API token.</param>
/// <param name="Reused">True when <paramref name="Token"/> is the one the caller already held.</param>
/// <param name="Revoked">Earlier bootstrap tokens of the admin revoked by this run.</param>
internal sealed record BootstrapResult(string OrganisationId, string Token, bool Reused, int Revoked);
