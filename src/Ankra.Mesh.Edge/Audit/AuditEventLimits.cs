namespace Ankra.Mesh.Edge.Audit;

/// <summary>Caps on what one event may hold, so a hostile request cannot make the audit row (or the buffer) large.</summary>
internal static class AuditEventLimits
{
    public const int MaxPathLength = 2048;

    public const int MaxUserAgentLength = 512;

    public const int MaxCommandArguments = 64;

    public const int MaxCommandLength = 4096;

    public static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
