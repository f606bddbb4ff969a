namespace Ankra.Mesh.Grains;

/// <summary>
/// The result of a grain command: a value, or an error with a message a person can act on.
/// Grains return this instead of throwing, so expected refusals never look like faults.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.Outcome`1")]
public sealed class Outcome<T>
{
    /// <summary>The value when <see cref="Error"/> is <see cref="ControlPlaneError.None"/>.</summary>
    [Id(0)]
    public T? Value { get; init; }

    /// <summary>Why the command was refused.</summary>
    [Id(1)]
    public ControlPlaneError Error { get; init; }

    /// <summary>Message for the user when refused.</summary>
    [Id(2)]
    public string Message { get; init; } = string.Empty;

    /// <summary>
    /// True when the command succeeded because what it asked for was already there, exactly as asked, and
    /// nothing was changed: a retry of a create whose first attempt took effect (REST answers 200, not 201).
    /// </summary>
    [Id(3)]
    public bool Unchanged { get; init; }

    /// <summary>True when the command succeeded.</summary>
    public bool Succeeded => Error == ControlPlaneError.None;

    /// <summary>A success.</summary>
    public static Outcome<T> Ok(T value) => new() { Value = value };

    /// <summary>A success that changed nothing (see <see cref="Unchanged"/>).</summary>
    public static Outcome<T> Existing(T value) => new() { Value = value, Unchanged = true };

    /// <summary>A refusal.</summary>
    public static Outcome<T> Fail(ControlPlaneError error, string message) => new() { Error = error, Message = message };
}
