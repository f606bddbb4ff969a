using Microsoft.AspNetCore.Http.Features;

namespace Ankra.Mesh.Edge.Audit;

/// <summary>Hands YARP the upgraded (exec, attach, port-forward) connection wrapped so its bytes are counted.</summary>
internal sealed class AuditedUpgradeFeature(IHttpUpgradeFeature inner, AuditScope scope) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    public async Task<Stream> UpgradeAsync() => scope.Upgraded(await inner.UpgradeAsync());
}
