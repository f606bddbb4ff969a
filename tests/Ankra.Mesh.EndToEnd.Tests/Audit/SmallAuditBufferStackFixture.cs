namespace Ankra.Mesh.EndToEnd.Tests.Audit;

/// <summary>An audited stack with a tiny buffer (8 events, batches of 4), so that an outage of the database fills it quickly.</summary>
public sealed class SmallAuditBufferStackFixture : AuditStackFixture
{
    public const int BufferCapacity = 8;
    public const int BatchSize = 4;

    protected override IReadOnlyDictionary<string, string> AuditSettings() => new Dictionary<string, string>
    {
        ["Mesh:Audit:FlushInterval"] = "00:00:00.100",
        ["Mesh:Audit:BufferCapacity"] = BufferCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mesh:Audit:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
