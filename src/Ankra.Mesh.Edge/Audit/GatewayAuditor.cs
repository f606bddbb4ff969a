using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.Edge.Audit;

/// <summary>The kube proxy's entry to the audit: one <see cref="AuditScope"/> per request, disposed when it ends.</summary>
internal sealed class GatewayAuditor(AuditBuffer buffer, TimeProvider time)
{
    public AuditScope Begin(HttpContext context, string clusterId) => new(context, clusterId, buffer, time);
}
