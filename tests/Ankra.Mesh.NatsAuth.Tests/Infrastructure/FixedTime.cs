namespace Ankra.Mesh.NatsAuth.Tests.Infrastructure;

/// <summary>A clock that reads <paramref name="now"/>: issues tokens "in the past" for expiry tests.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
