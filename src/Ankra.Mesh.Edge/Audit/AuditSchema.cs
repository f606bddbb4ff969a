namespace Ankra.Mesh.Edge.Audit;

/// <summary>
/// The audit table's DDL, run at start when the table is missing: <c>deploy/sql/Ankra-GatewayAudit.sql</c>, the script
/// operators apply themselves, embedded in the edge so that the two can never differ.
/// </summary>
internal static class AuditSchema
{
    public const string Table = "ankra_gateway_audit";

    private const string ResourceName = "deploy/sql/Ankra-GatewayAudit.sql";

    public static string Sql { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(AuditSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the edge was built without its embedded {ResourceName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
