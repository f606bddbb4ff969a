using System.Globalization;

namespace Ankra.Mesh.KubeSim.Logs;

/// <summary>
/// The <c>sinceTime</c> query parameter: RFC 3339 with up to nine fractional digits, as the API server accepts it
/// (clients send back the stamps of <c>timestamps=true</c>, which are RFC 3339 with nanoseconds). .NET keeps seven.
/// </summary>
internal static class LogSinceTime
{
    private const int TickDigits = 7;

    public static DateTimeOffset? Parse(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > TickDigits)
            {
                text = string.Concat(text.AsSpan(0, dot + 1 + TickDigits), text.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }
}
