using System.Text.RegularExpressions;

namespace Ankra.Mesh.EndToEnd.Tests.Telemetry;

/// <summary>
/// The metric names a PromQL expression reads: what is left once strings, label matchers, ranges and the label lists
/// of <c>by</c>/<c>on</c>/… are removed, minus functions (a name followed by "("), keywords and Grafana variables.
/// </summary>
internal static partial class PromQlMetricNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "inf", "nan",
    };

    public static IReadOnlySet<string> In(string expression)
    {
        var rest = Strings().Replace(expression, " ");
        rest = LabelMatchers().Replace(rest, " ");
        rest = Ranges().Replace(rest, " ");
        rest = LabelLists().Replace(rest, " ");
        return Identifiers().Matches(rest)
            .Where(m => !Keywords.Contains(m.Groups["name"].Value) && m.Groups["call"].Value.Length == 0)
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex LabelLists();

    // Not after a digit, '.', '$' or a word character: "5m", "0.99" and Grafana's "$__rate_interval" are no names.
    [GeneratedRegex(@"(?<![\w.$])(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifiers();
}
