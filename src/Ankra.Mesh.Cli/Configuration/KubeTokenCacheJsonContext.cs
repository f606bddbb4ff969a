using System.Text.Json.Serialization;

namespace Ankra.Mesh.Cli.Configuration;

/// <summary>
/// JSON of a kube token cache entry, generated at compile time (Native AOT has no reflection-based
/// serializer). Default options on purpose: PascalCase names, as earlier CLI versions wrote the entries.
/// </summary>
[JsonSerializable(typeof(CachedKubeToken))]
internal sealed partial class KubeTokenCacheJsonContext : JsonSerializerContext;
