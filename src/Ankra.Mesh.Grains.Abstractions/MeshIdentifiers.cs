using System.Text.RegularExpressions;
using Ankra.Mesh.Contracts.Subjects;

namespace Ankra.Mesh.Grains;

/// <summary>
/// Identifiers that end up inside NATS subjects (cluster ids, replica ids, session ids). Only
/// <c>[a-z0-9-]</c> with a bounded length is accepted, so nobody can inject <c>.</c>, <c>*</c> or <c>&gt;</c>.
/// </summary>
public static partial class MeshIdentifiers
{
    /// <summary>Longest identifier accepted (a DNS label's limit; a uuid is 36).</summary>
    public const int MaxLength = SubjectToken.MaxLength;

    /// <summary>
    /// True when <paramref name="value"/> may be placed in a NATS subject: the rule is <see cref="SubjectToken"/>'s,
    /// so an id the REST API accepts is always one the subjects accept.
    /// </summary>
    public static bool IsValid(string? value) => SubjectToken.IsValid(value);

    /// <summary>True for a DNS-1123 label (Kubernetes namespace names, cluster names).</summary>
    public static bool IsDnsLabel(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && DnsLabelPattern().IsMatch(value);

    /// <summary>A new random identifier (lower-case uuid with dashes: valid by construction).</summary>
    public static string NewId() => Guid.NewGuid().ToString("D");

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();
}
