namespace Ankra.Mesh.NatsAuth;

/// <summary>
/// The standard NATS <c>.creds</c> format (what <c>nsc</c> writes and every NATS client reads): a user JWT
/// and the user's seed, each between BEGIN/END marker lines. The file holds a secret: write it mode 0600.
/// </summary>
public static class NatsCredsFile
{
    private const string JwtBegin = "-----BEGIN NATS USER JWT-----";
    private const string JwtEnd = "------END NATS USER JWT------";
    private const string SeedBegin = "-----BEGIN USER NKEY SEED-----";
    private const string SeedEnd = "------END USER NKEY SEED------";

    /// <summary>Formats a creds file for <paramref name="jwt"/> and the user seed <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The JWT is not three dot-separated parts, or the seed is not a user seed.</exception>
    public static string Format(string jwt, string seed)
    {
        if (!LooksLikeJwt(jwt))
        {
            throw new ArgumentException("The JWT is not a JWT (three base64url parts separated by dots).", nameof(jwt));
        }

        if (!IsUserSeed(seed))
        {
            throw new ArgumentException("The seed is not a NATS user seed (58 characters starting with 'SU').", nameof(seed));
        }

        return $"""
            {JwtBegin}
            {jwt}
            {JwtEnd}

            ************************* IMPORTANT *************************
            NKEY Seed printed below can be used to sign and prove identity.
            NKEYs are sensitive and should be treated as secrets.

            {SeedBegin}
            {seed}
            {SeedEnd}

            *************************************************************

            """;
    }

    /// <summary>Reads the JWT and seed from creds file text (either line ending).</summary>
    /// <exception cref="FormatException">A section is missing or unterminated, or its content is malformed; the message never contains the seed.</exception>
    public static (string Jwt, string Seed) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(line => line.Trim()).ToArray();
        var jwt = Section(lines, JwtBegin, JwtEnd, "user JWT");
        if (!LooksLikeJwt(jwt))
        {
            throw new FormatException("The creds file's user JWT section does not hold a JWT (three base64url parts separated by dots).");
        }

        var seed = Section(lines, SeedBegin, SeedEnd, "user seed");
        if (!IsUserSeed(seed))
        {
            throw new FormatException("The creds file's seed section does not hold a NATS user seed (58 characters starting with 'SU').");
        }

        return (jwt, seed);
    }

    private static string Section(string[] lines, string begin, string end, string what)
    {
        var start = Array.IndexOf(lines, begin);
        if (start < 0)
        {
            throw new FormatException($"The creds file has no {what} section (no \"{begin}\" line).");
        }

        if (start + 2 >= lines.Length || lines[start + 2] != end)
        {
            throw new FormatException($"The creds file's {what} section is not one line followed by \"{end}\".");
        }

        return lines[start + 1];
    }

    private static bool LooksLikeJwt(string? jwt) =>
        jwt is not null
        && jwt.Split('.') is [{ Length: > 0 } header, { Length: > 0 } payload, { Length: > 0 } signature]
        && IsBase64Url(header) && IsBase64Url(payload) && IsBase64Url(signature);

    private static bool IsBase64Url(string part) => part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool IsUserSeed(string? seed)
    {
        using var pair = NKeyText.TryFromSeed(seed, NATS.NKeys.PrefixByte.User);
        return pair is not null;
    }
}
