namespace Ankra.Mesh.Edge.Api;

/// <summary>A value or an <see cref="ApiFailure"/>.</summary>
internal readonly record struct ApiOutcome<T>(T? Value, ApiFailure? Failure)
{
    public static implicit operator ApiOutcome<T>(T value) => new(value, null);

    public static implicit operator ApiOutcome<T>(ApiFailure failure) => new(default, failure);
}
