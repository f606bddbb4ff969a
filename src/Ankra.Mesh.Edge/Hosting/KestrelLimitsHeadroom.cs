using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// Kestrel refuses an over-long request line or header block while parsing, before any middleware runs,
/// with a 414/431 that has no body and no extension point to give it one. So the configured
/// <c>Kestrel:Limits</c> (request line, header bytes, header count) are enforced by
/// <see cref="RequestSizeLimitMiddleware"/>, which answers with a body, and Kestrel's own limits are raised
/// to <see cref="Factor"/> times as much: it still bounds memory, and answers bare only far beyond the limit.
/// </summary>
internal sealed class KestrelLimitsHeadroom : IPostConfigureOptions<KestrelServerOptions>
{
    public const int Factor = 2;

    public void PostConfigure(string? name, KestrelServerOptions options)
    {
        var limits = options.Limits;
        limits.MaxRequestLineSize = Raise(limits.MaxRequestLineSize);
        limits.MaxRequestHeadersTotalSize = Raise(limits.MaxRequestHeadersTotalSize);
        limits.MaxRequestHeaderCount = Raise(limits.MaxRequestHeaderCount);
    }

    /// <summary>The limit the application enforces: what was configured before <see cref="PostConfigure"/>.</summary>
    public static int Configured(int raised) => raised == int.MaxValue ? int.MaxValue : raised / Factor;

    private static int Raise(int configured) => (int)Math.Min(int.MaxValue, (long)configured * Factor);
}
