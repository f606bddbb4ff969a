namespace Ankra.Mesh.Edge.Auth;

/// <summary>Authenticates every REST call under <c>/api/v1</c> (except the kube proxy, which uses kube tokens).</summary>
internal sealed class ApiAuthFilter(CallerResolver resolver) : IEndpointFilter
{
    private const string ItemKey = "ankra.caller";

    public static Caller CallerOf(HttpContext context) =>
        context.Items[ItemKey] as Caller ?? throw new InvalidOperationException("ApiAuthFilter did not run for this endpoint.");

    /// <summary>Makes <paramref name="caller"/> the request's caller; the portal's session filter uses it for the portal API.</summary>
    public static void SetCaller(HttpContext context, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ItemKey] = caller;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var caller = await resolver.ResolveAsync(
            http.Request.Headers.Authorization.ToString(),
            http.Request.Headers[CallerResolver.OrganisationHeader].ToString());
        if (caller.Failure is not null)
        {
            return caller.Failure.ToResult();
        }

        http.Items[ItemKey] = caller.Value;
        return await next(context);
    }
}
