namespace Ankra.Mesh.Contracts.Subjects;

/// <summary>
/// The one rule for an identifier placed in a NATS subject (cluster, session, replica, edge and stream ids):
/// 1–63 characters of <c>[a-z0-9-]</c>, so nobody can inject <c>.</c>, <c>*</c>, <c>&gt;</c> or whitespace and
/// gain a token or a wildcard. 63 is a DNS label's limit; a uuid is 36, a <see cref="NewId"/> 32.
/// </summary>
public static class SubjectToken
{
    /// <summary>Longest identifier accepted in a subject token.</summary>
    public const int MaxLength = 63;

    /// <summary>True when <paramref name="value"/> is 1–63 characters of <c>[a-z0-9-]</c>.</summary>
    public static bool IsValid(string? value) => value is not null && IsValid(value.AsSpan());

    /// <summary>True when <paramref name="value"/> is 1–63 characters of <c>[a-z0-9-]</c>.</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns <paramref name="value"/> or throws <see cref="ArgumentException"/> naming <paramref name="what"/>.</summary>
    public static string Validate(string? value, string what) =>
        IsValid(value)
            ? value!
            : throw new ArgumentException($"{what} '{value}' cannot be used in a NATS subject: it must be 1-{MaxLength} characters of [a-z0-9-].", what);

    /// <summary>A new random lowercase hex id (128 bits), unguessable by other clusters' agents.</summary>
    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
