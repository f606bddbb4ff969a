using Microsoft.Extensions.Internal;

namespace Ankra.Mesh.Edge.Access;

/// <summary>The clock <see cref="Microsoft.Extensions.Caching.Memory.MemoryCache"/> asks, from the edge's <see cref="TimeProvider"/> (tests move it).</summary>
internal sealed class TimeProviderClock(TimeProvider time) : ISystemClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
