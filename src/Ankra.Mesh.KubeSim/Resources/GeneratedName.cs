namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>The random suffix the API server appends for <c>generateName</c> (and controllers for pod names).</summary>
internal static class GeneratedName
{
    // The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels, no look-alike characters.
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Suffix(int length = 5) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => Alphabet[Random.Shared.Next(Alphabet.Length)]));
}
