using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.EndToEnd.Tests.Telemetry;

/// <summary>
/// The production shape in small: PostgreSQL and a separate silo process (so Orleans' meters come from a real silo), an
/// edge, an agent; the edge writes JSON console logs (the manifests' setting).
/// </summary>
public sealed class TelemetryFixture : StackFixture
{
    protected override MeshStackOptions Options(string directory) => new()
    {
        Directory = directory,
        Postgres = true,
        EdgeSettings = new Dictionary<string, string>
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        },
    };
}
