using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Api;

namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>Label selectors (equality and set-based) and field selectors (<c>=</c>, <c>==</c>, <c>!=</c> on any field path).</summary>
internal static class Selectors
{
    public static Func<JsonObject, bool> Parse(string? labelSelector, string? fieldSelector)
    {
        var labels = ParseLabels(labelSelector);
        var fields = ParseFields(fieldSelector);
        return obj =>
        {
            var objectLabels = labels.Count == 0 ? null : Json.StringMap(Json.At(obj, "metadata.labels"));
            return labels.All(r => r(objectLabels!)) && fields.All(r => r(obj));
        };
    }

    public static string? FieldValue(string? fieldSelector, string field) =>
        SplitTerms(fieldSelector).Select(t => t.Split("=", 2)).Where(p => p.Length == 2 && p[0].TrimEnd('=') == field && !p[0].EndsWith('!'))
            .Select(p => p[1].TrimStart('=')).FirstOrDefault();

    private static List<Func<IReadOnlyDictionary<string, string>, bool>> ParseLabels(string? selector)
    {
        var rules = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var term in SplitTerms(selector))
        {
            var t = term.Trim();
            var space = t.IndexOf(' ', StringComparison.Ordinal);
            if (t.Contains(" in ", StringComparison.Ordinal) || t.Contains(" notin ", StringComparison.Ordinal))
            {
                var key = t[..space];
                var negate = t[space..].TrimStart().StartsWith("notin", StringComparison.Ordinal);
                var open = t.IndexOf('(', StringComparison.Ordinal);
                var close = t.LastIndexOf(')');
                if (open < 0 || close < open)
                {
                    throw ApiException.BadRequest($"unable to parse requirement: {t}");
                }

                var values = t[(open + 1)..close].Split(',').Select(v => v.Trim()).ToHashSet();
                rules.Add(l => negate ? !(l.TryGetValue(key, out var v) && values.Contains(v)) : l.TryGetValue(key, out var w) && values.Contains(w));
            }
            else if (t.Contains("!=", StringComparison.Ordinal))
            {
                var (key, value) = Split(t, "!=");
                rules.Add(l => !l.TryGetValue(key, out var v) || v != value);
            }
            else if (t.Contains('=', StringComparison.Ordinal))
            {
                var (key, value) = Split(t, t.Contains("==", StringComparison.Ordinal) ? "==" : "=");
                rules.Add(l => l.TryGetValue(key, out var v) && v == value);
            }
            else if (t.StartsWith('!'))
            {
                var key = t[1..].Trim();
                rules.Add(l => !l.ContainsKey(key));
            }
            else
            {
                rules.Add(l => l.ContainsKey(t));
            }
        }

        return rules;
    }

    private static List<Func<JsonObject, bool>> ParseFields(string? selector)
    {
        var rules = new List<Func<JsonObject, bool>>();
        foreach (var term in SplitTerms(selector))
        {
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var (field, value) = Split(term, negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=");
            if (field.Length == 0)
            {
                throw ApiException.BadRequest($"invalid selector: '{selector}'; can't understand '{term}'");
            }

            rules.Add(o => (FieldOf(o, field) == value) != negate);
        }

        return rules;
    }

    private static string FieldOf(JsonObject obj, string field) => Json.Str(obj, field) ?? "";

    private static (string Key, string Value) Split(string term, string op)
    {
        var at = term.IndexOf(op, StringComparison.Ordinal);
        return at < 0 ? (term.Trim(), "") : (term[..at].Trim(), term[(at + op.Length)..].Trim());
    }

    /// <summary>Splits on commas outside parentheses (<c>a in (x,y),b=c</c>).</summary>
    private static IEnumerable<string> SplitTerms(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            yield break;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }

        yield return selector[start..];
    }
}
