using System.Globalization;

namespace Ankra.Mesh.Cli.Output;

/// <summary>How values look in human output.</summary>
internal static class Formatting
{
    public static string Timestamp(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-";

    public static string OrDash(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}
