using System.Globalization;

namespace Ankra.Mesh.Edge.Api;

/// <summary>Adds <c>Retry-After</c> (whole seconds, rounded up) to another result.</summary>
internal sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
{
    public static string Seconds(TimeSpan retryAfter) =>
        ((long)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))).ToString(CultureInfo.InvariantCulture);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = Seconds(retryAfter);
        return inner.ExecuteAsync(httpContext);
    }
}
