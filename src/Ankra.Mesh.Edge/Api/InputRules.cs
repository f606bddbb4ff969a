using System.Text.RegularExpressions;
using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Api;

/// <summary>Input checks with their user-facing messages.</summary>
internal static partial class InputRules
{
    /// <summary>
    /// A lower-cased email, or a 400. A member's email is the user name the agent impersonates (an HTTP header value)
    /// and the subject of RBAC bindings, so it is held to the unquoted form: ASCII only, no spaces, commas, colons,
    /// quotes or control characters (which a header or a comma-splitting proxy would mangle), a dotted domain name.
    /// </summary>
    public static ApiOutcome<string> Email(string? value, string field)
    {
        var email = value?.Trim().ToLowerInvariant();
        return email is { Length: > 0 and <= 254 } && EmailPattern().IsMatch(email)
            ? email
            : ApiFailure.BadRequest($"{field} must be a valid email address: ASCII letters, digits and .!#$%&'*+/=?^_`{{|}}~- before the @, a domain name after it (internationalised domains in their xn-- form)");
    }

    /// <summary>An identifier from a URL, or a 400 that says why it is refused.</summary>
    public static ApiFailure? Identifier(string value, string what) =>
        MeshIdentifiers.IsValid(value)
            ? null
            : ApiFailure.BadRequest($"Invalid {what} '{Shorten(value)}': only lower-case letters, digits and '-' are allowed, at most {MeshIdentifiers.MaxLength} characters");

    /// <summary>A value from a fixed set, or a 400 listing the choices.</summary>
    public static ApiFailure? OneOf(string? value, IReadOnlySet<string> allowed, string what) =>
        value is not null && allowed.Contains(value)
            ? null
            : ApiFailure.BadRequest($"Unknown {what} '{Shorten(value ?? string.Empty)}'; use one of: {string.Join(", ", allowed)}");

    /// <summary>
    /// An optional whole-number query parameter: <paramref name="fallback"/> when absent, else a value in
    /// [<paramref name="min"/>, <paramref name="max"/>], or a 400 naming the parameter. Bound as a string on
    /// purpose: the framework's own int binding refuses "abc" or 99999999999 with a message that says
    /// neither the rule nor the range.
    /// </summary>
    public static ApiOutcome<int> WholeNumber(string? value, string name, int fallback, int min, int max) =>
        string.IsNullOrEmpty(value)
            ? fallback
            : int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
                ? number
                : ApiFailure.BadRequest($"{name} must be a whole number from {min} to {max}; got '{Shorten(value)}'");

    private static string Shorten(string value) => value.Length > 70 ? value[..70] + "…" : value;

    // RFC 5322 dot-atom local part; a domain of LDH labels with at least one dot.
    [GeneratedRegex(@"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
