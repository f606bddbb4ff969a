namespace Ankra.Mesh.Edge.Tests.Fixtures;

/// <summary>A member of the test organisation with an API token.</summary>
internal sealed record TestUser(string UserId, string Email, string Token, HttpClient Client);
