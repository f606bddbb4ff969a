namespace Ankra.Mesh.Edge.KubeTokens;

/// <summary>The result of <see cref="KubeTokenValidator.ValidateAsync"/>.</summary>
public sealed record KubeTokenValidation(KubeTokenFailure Failure, string Message, string? UserId, string? ClusterId, long Generation, DateTimeOffset? ExpiresAt)
{
    /// <summary>True when the token may be used (the grant is checked separately).</summary>
    public bool IsValid => Failure == KubeTokenFailure.None;

    internal static KubeTokenValidation Fail(KubeTokenFailure failure, string message) => new(failure, message, null, null, 0, null);
}
