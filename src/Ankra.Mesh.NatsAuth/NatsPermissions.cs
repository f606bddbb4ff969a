namespace Ankra.Mesh.NatsAuth;

/// <summary>
/// What a NATS user may do, written into its JWT. Subjects may use NATS wildcards (<c>*</c>, <c>&gt;</c>).
/// An empty allow list allows nothing in that direction (unlike NATS itself, where an absent allow list
/// allows everything), so a forgotten list never opens the bus.
/// </summary>
/// <param name="PublishAllow">Subjects the user may publish to.</param>
/// <param name="SubscribeAllow">Subjects the user may subscribe to.</param>
/// <param name="AllowResponses">
/// Whether the user may publish one reply to the reply subject of each request it received (NATS
/// <c>allow_responses</c> with at most one message), without a publish permission for reply subjects.
/// </param>
public sealed record NatsPermissions(IReadOnlyList<string> PublishAllow, IReadOnlyList<string> SubscribeAllow, bool AllowResponses)
{
    /// <summary>Subjects the user may not publish to, even where <see cref="PublishAllow"/> matches.</summary>
    public IReadOnlyList<string> PublishDeny { get; init; } = [];

    /// <summary>Subjects the user may not subscribe to, even where <see cref="SubscribeAllow"/> matches.</summary>
    public IReadOnlyList<string> SubscribeDeny { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first list that holds an empty or blank-containing subject.</summary>
    internal void Validate(string paramName)
    {
        Check(PublishAllow, nameof(PublishAllow), paramName);
        Check(SubscribeAllow, nameof(SubscribeAllow), paramName);
        Check(PublishDeny, nameof(PublishDeny), paramName);
        Check(SubscribeDeny, nameof(SubscribeDeny), paramName);
    }

    private static void Check(IReadOnlyList<string>? subjects, string list, string paramName)
    {
        if (subjects is null)
        {
            throw new ArgumentException($"NatsPermissions.{list} is null; use an empty list.", paramName);
        }

        foreach (var subject in subjects)
        {
            if (string.IsNullOrEmpty(subject) || subject.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"NatsPermissions.{list} holds \"{subject}\", which is not a NATS subject (empty, or contains whitespace).", paramName);
            }
        }
    }
}
