using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>An HTTP context whose abort (what the enforcer does to a revoked request) is observable.</summary>
internal sealed class RecordedAbort : IHttpRequestLifetimeFeature
{
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RecordedAbort()
    {
        Context = new DefaultHttpContext();
        Context.Features.Set<IHttpRequestLifetimeFeature>(this);
    }

    public HttpContext Context { get; }

    public Task Aborted => _aborted.Task;

    public CancellationToken RequestAborted { get; set; }

    public void Abort() => _aborted.TrySetResult();
}
