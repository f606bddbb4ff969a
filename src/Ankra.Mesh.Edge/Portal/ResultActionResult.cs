using Microsoft.AspNetCore.Mvc;

namespace Ankra.Mesh.Edge.Portal;

/// <summary>Runs a minimal-API <see cref="IResult"/> from a page handler, so the page and the portal API answer with one implementation.</summary>
internal sealed class ResultActionResult(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return result.ExecuteAsync(context.HttpContext);
    }
}
