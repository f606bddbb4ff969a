namespace Ankra.Mesh.Deploy.Tests;

/// <summary>Label selection as Kubernetes does it for <c>matchLabels</c> (the only form our manifests use).</summary>
internal static class LabelSelector
{
    /// <summary>True when every selector label is on <paramref name="labels"/> with the same value.</summary>
    public static bool Matches(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);
}
